package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/**
 * Stub of {@code hudson.security.PermissionGroup} (jenkins-core), with a subset of its supertypes. Its real
 * constructors need {@code org.jvnet.localizer.Localizable}, so the stub only has a private one (not API).
 */
public final class PermissionGroup {
    private PermissionGroup() {
    }

    @NonNull
    public String getId() {
        throw new UnsupportedOperationException();
    }

    public List<Permission> getPermissions() {
        throw new UnsupportedOperationException();
    }
}
