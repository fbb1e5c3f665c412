package org.dtrmigration.bootstrapper;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a program on a PATH value. Java's process launcher searches the PATH of the JVM itself, not
 * the PATH given to the child, so a PATH set for one step or command (a {@code withEnv}, a test's
 * stand-in directory) is honoured by resolving the program first.
 */
public final class Executables {

    private Executables() {
    }

    /** The program itself when it names a path; else the first executable file of that name on {@code path}. */
    public static Optional<Path> resolve(String program, String path) {
        if (program.contains("/") || program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
