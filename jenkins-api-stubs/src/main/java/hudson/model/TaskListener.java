package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Stub of {@code hudson.model.TaskListener} (jenkins-core). Default methods throw here (upstream they print to the
 * logger); {@link #NULL} is {@code null}.
 */
public interface TaskListener extends SerializableOnlyOverRemoting {
    @NonNull
    PrintStream getLogger();

    default void hyperlink(String url, String text) throws IOException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    default PrintWriter error(String msg) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    default PrintWriter error(String format, Object... args) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    default PrintWriter fatalError(String msg) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    default PrintWriter fatalError(String format, Object... args) {
        throw new UnsupportedOperationException();
    }

    TaskListener NULL = null;
}
