package jenkins.security;

import hudson.remoting.Callable;
import org.jenkinsci.remoting.RoleChecker;

/**
 * Stub of {@code jenkins.security.MasterToSlaveCallable} (jenkins-core). The implicit public constructor exists
 * upstream too.
 */
public abstract class MasterToSlaveCallable<V, T extends Throwable> implements Callable<V, T> {
    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException();
    }
}
