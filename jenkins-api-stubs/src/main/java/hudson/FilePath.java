package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Computer;
import hudson.model.TaskListener;
import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.util.List;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Stub of {@code hudson.FilePath} (jenkins-core): constructors do nothing, every method throws. */
public final class FilePath implements SerializableOnlyOverRemoting {

    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
    }

    public FilePath(@NonNull File localPath) {
    }

    public FilePath(@NonNull FilePath base, @NonNull String rel) {
    }

    @NonNull
    public String getRemote() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public FilePath absolutize() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    /** Stub of {@code hudson.FilePath.FileCallable}. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public <V, E extends Throwable> V act(Callable<V, E> callable) throws E, IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public URI toURI() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public Computer toComputer() {
        throw new UnsupportedOperationException();
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void deleteRecursive() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void deleteContents() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getBaseName() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getName() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public FilePath sibling(@NonNull String rel) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public FilePath withSuffix(@NonNull String suffix) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public FilePath child(@NonNull String relOrAbsolute) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public FilePath getParent() {
        throw new UnsupportedOperationException();
    }

    public FilePath createTempFile(String prefix, String suffix) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public FilePath createTextTempFile(String prefix, String suffix, String contents)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public FilePath createTempDir(String prefix, String suffix) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public boolean delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public long lastModified() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public long length() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void chmod(int mask) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public int mode() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public List<FilePath> list() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public FilePath[] list(String includes) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public InputStream read() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public String readToString() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public OutputStream write() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void write(String content, String encoding) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public String digest() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void renameTo(FilePath target) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void copyFrom(FilePath src) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void copyTo(FilePath target) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void copyTo(OutputStream os) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public Launcher createLauncher(TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException();
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException();
    }
}
