package org.jenkinsci.remoting;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Collection;

/**
 * Stub of {@code org.jenkinsci.remoting.RoleChecker} (remoting). The implicit public constructor exists upstream
 * too.
 */
public abstract class RoleChecker {
    public abstract void check(@NonNull RoleSensitive subject, @NonNull Collection<Role> expected)
            throws SecurityException;

    public void check(@NonNull RoleSensitive subject, @NonNull Role expected) throws SecurityException {
        throw new UnsupportedOperationException();
    }

    public void check(@NonNull RoleSensitive subject, Role... expected) throws SecurityException {
        throw new UnsupportedOperationException();
    }
}
