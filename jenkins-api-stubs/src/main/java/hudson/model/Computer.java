package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.remoting.VirtualChannel;
import java.io.IOException;

/**
 * Stub of {@code hudson.model.Computer} (jenkins-core), with a subset of its supertypes: constructors do nothing,
 * every method throws.
 */
public abstract class Computer {
    protected Computer(Node node) {
    }

    @CheckForNull
    public abstract VirtualChannel getChannel();

    @CheckForNull
    public abstract Boolean isUnix();

    public int getNumExecutors() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getName() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public Node getNode() {
        throw new UnsupportedOperationException();
    }

    public boolean isOffline() {
        throw new UnsupportedOperationException();
    }

    public final boolean isOnline() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public EnvVars getEnvironment() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String getHostName() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static Computer currentComputer() {
        throw new UnsupportedOperationException();
    }
}
