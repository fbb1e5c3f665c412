package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.util.ArgumentListBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Stub of {@code hudson.Launcher} (jenkins-core): constructors do nothing, every method throws. */
public abstract class Launcher {

    protected Launcher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
    }

    protected Launcher(@NonNull Launcher launcher) {
    }

    @CheckForNull
    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public TaskListener getListener() {
        throw new UnsupportedOperationException();
    }

    /**
     * Stub of {@code hudson.Launcher.ProcStarter}. Like the real class it has no explicit constructor (the implicit
     * public one exists upstream too).
     */
    public final class ProcStarter {
        public ProcStarter cmdAsSingleString(String s) {
            throw new UnsupportedOperationException();
        }

        public ProcStarter cmds(String... args) {
            throw new UnsupportedOperationException();
        }

        public ProcStarter cmds(File program, String... args) {
            throw new UnsupportedOperationException();
        }

        public ProcStarter cmds(List<String> args) {
            throw new UnsupportedOperationException();
        }

        public ProcStarter cmds(ArgumentListBuilder args) {
            throw new UnsupportedOperationException();
        }

        public List<String> cmds() {
            throw new UnsupportedOperationException();
        }

        public ProcStarter masks(@CheckForNull boolean... masks) {
            throw new UnsupportedOperationException();
        }

        @CheckForNull
        public boolean[] masks() {
            throw new UnsupportedOperationException();
        }

        public ProcStarter quiet(boolean quiet) {
            throw new UnsupportedOperationException();
        }

        public boolean quiet() {
            throw new UnsupportedOperationException();
        }

        public ProcStarter pwd(@CheckForNull FilePath workDir) {
            throw new UnsupportedOperationException();
        }

        public ProcStarter pwd(@NonNull File workDir) {
            throw new UnsupportedOperationException();
        }

        public ProcStarter pwd(@NonNull String workDir) {
            throw new UnsupportedOperationException();
        }

        @CheckForNull
        public FilePath pwd() {
            throw new UnsupportedOperationException();
        }

        public ProcStarter stdout(@CheckForNull OutputStream out) {
            throw new UnsupportedOperationException();
        }

        public ProcStarter stdout(@NonNull TaskListener out) {
            throw new UnsupportedOperationException();
        }

        @CheckForNull
        public OutputStream stdout() {
            throw new UnsupportedOperationException();
        }

        public ProcStarter stderr(@CheckForNull OutputStream err) {
            throw new UnsupportedOperationException();
        }

        @CheckForNull
        public OutputStream stderr() {
            throw new UnsupportedOperationException();
        }

        @NonNull
        public ProcStarter stdin(@CheckForNull InputStream in) {
            throw new UnsupportedOperationException();
        }

        @CheckForNull
        public InputStream stdin() {
            throw new UnsupportedOperationException();
        }

        public ProcStarter envs(@NonNull Map<String, String> overrides) {
            throw new UnsupportedOperationException();
        }

        public ProcStarter envs(@CheckForNull String... overrides) {
            throw new UnsupportedOperationException();
        }

        @NonNull
        public String[] envs() {
            throw new UnsupportedOperationException();
        }

        public ProcStarter readStdout() {
            throw new UnsupportedOperationException();
        }

        public ProcStarter readStderr() {
            throw new UnsupportedOperationException();
        }

        public ProcStarter writeStdin() {
            throw new UnsupportedOperationException();
        }

        public Proc start() throws IOException {
            throw new UnsupportedOperationException();
        }

        public int join() throws IOException, InterruptedException {
            throw new UnsupportedOperationException();
        }

        @NonNull
        public ProcStarter copy() {
            throw new UnsupportedOperationException();
        }
    }

    @NonNull
    public final ProcStarter launch() {
        throw new UnsupportedOperationException();
    }

    /** Stub of {@code hudson.Launcher.LocalLauncher}: launches processes on the machine it is created on. */
    public static class LocalLauncher extends Launcher {
        public LocalLauncher(@NonNull TaskListener listener) {
            super(listener, null);
        }
    }

    public boolean isUnix() {
        throw new UnsupportedOperationException();
    }
}
