package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/** Stub of {@code hudson.security.AccessControlled} (jenkins-core). Default methods throw here. */
public interface AccessControlled {
    @NonNull
    ACL getACL();

    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException();
    }

    default void checkAnyPermission(@NonNull Permission... permission) throws AccessDeniedException {
        throw new UnsupportedOperationException();
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException();
    }

    default boolean hasAnyPermission(@NonNull Permission... permission) {
        throw new UnsupportedOperationException();
    }

    default boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission) {
        throw new UnsupportedOperationException();
    }
}
