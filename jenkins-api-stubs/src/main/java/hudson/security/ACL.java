package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.function.BiFunction;
import org.springframework.security.core.Authentication;

/**
 * Stub of {@code hudson.security.ACL} (jenkins-core). {@link #SYSTEM2} is {@code null}. The private constructor only
 * suppresses an implicit one and is not API (mock it instead).
 */
public abstract class ACL {
    private ACL() {
    }

    public final void checkPermission(@NonNull Permission p) {
        throw new UnsupportedOperationException();
    }

    public final void checkAnyPermission(@NonNull Permission... permissions) {
        throw new UnsupportedOperationException();
    }

    public final boolean hasPermission(@NonNull Permission p) {
        throw new UnsupportedOperationException();
    }

    public final boolean hasAnyPermission(@NonNull Permission... permissions) {
        throw new UnsupportedOperationException();
    }

    public boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission) {
        throw new UnsupportedOperationException();
    }

    public static ACL lambda2(BiFunction<Authentication, Permission, Boolean> impl) {
        throw new UnsupportedOperationException();
    }

    public static final Authentication SYSTEM2 = null;

    @NonNull
    public static ACLContext as2(@NonNull Authentication auth) {
        throw new UnsupportedOperationException();
    }

    public static boolean isAnonymous2(@NonNull Authentication authentication) {
        throw new UnsupportedOperationException();
    }
}
