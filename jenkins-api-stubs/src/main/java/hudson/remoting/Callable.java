package hudson.remoting;

import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

/** Stub of {@code hudson.remoting.Callable} (remoting). */
public interface Callable<V, T extends Throwable> extends Serializable, RoleSensitive {
    V call() throws T;
}
