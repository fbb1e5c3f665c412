package jenkins;

import hudson.FilePath.FileCallable;
import org.jenkinsci.remoting.RoleChecker;

/**
 * Stub of {@code jenkins.MasterToSlaveFileCallable} (jenkins-core). Subclasses implement
 * {@link FileCallable#invoke}; the implicit public constructor exists upstream too.
 */
public abstract class MasterToSlaveFileCallable<T> implements FileCallable<T> {
    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException();
    }
}
