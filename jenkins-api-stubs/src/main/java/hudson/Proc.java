package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/** Stub of {@code hudson.Proc} (jenkins-core). */
public abstract class Proc {
    protected Proc() {
    }

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    @CheckForNull
    public abstract InputStream getStdout();

    @CheckForNull
    public abstract InputStream getStderr();

    @CheckForNull
    public abstract OutputStream getStdin();

    public final int joinWithTimeout(long timeout, @NonNull TimeUnit unit, @NonNull TaskListener listener)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }
}
