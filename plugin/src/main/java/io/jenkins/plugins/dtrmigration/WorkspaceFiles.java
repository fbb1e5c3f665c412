package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import java.io.File;
import java.nio.file.Path;

/** Step outputs stay inside the workspace: a relative path without '..'. */
final class WorkspaceFiles {

    private WorkspaceFiles() {
    }

    static String checkRelative(String parameter, String value) throws AbortException {
        if (value == null || value.isBlank()) {
            throw new AbortException(parameter + ": required, a file path relative to the workspace");
        }
        Path p = Path.of(value.trim()).normalize();
        if (p.isAbsolute() || value.trim().startsWith("/") || value.trim().startsWith("\\")
                || p.startsWith("..") || p.toString().isEmpty()) {
            throw new AbortException(parameter + ": '" + value + "' must be a path inside the workspace (relative, no '..')");
        }
        return p.toString();
    }

    static Path resolve(File workspace, String relative) {
        return workspace.toPath().resolve(relative);
    }
}
