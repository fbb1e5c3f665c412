package hudson.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/**
 * Stub of {@code hudson.security.Permission} (jenkins-core). The (deprecated upstream) constructor does nothing; the
 * stubs use it only to give every permission constant its own identity.
 */
public final class Permission {

    @Deprecated
    public Permission(PermissionGroup group, String name, Permission impliedBy) {
    }

    @NonNull
    public String getId() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static Permission fromId(@NonNull String id) {
        throw new UnsupportedOperationException();
    }

    public boolean getEnabled() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static List<Permission> getAll() {
        throw new UnsupportedOperationException();
    }

    public static final Permission READ = new Permission(null, "GenericRead", null);

    public static final Permission WRITE = new Permission(null, "GenericWrite", null);

    public static final Permission CREATE = new Permission(null, "GenericCreate", null);

    public static final Permission UPDATE = new Permission(null, "GenericUpdate", null);

    public static final Permission DELETE = new Permission(null, "GenericDelete", null);

    public static final Permission CONFIGURE = new Permission(null, "GenericConfigure", null);
}
