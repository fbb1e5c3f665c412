package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Stub of {@code hudson.util.Secret} (jenkins-core). {@code toString()}, {@code equals} and {@code hashCode} are
 * deliberately not stubbed (they stay {@link Object}'s). The private constructor is not API.
 */
public final class Secret implements Serializable {
    private Secret() {
    }

    @NonNull
    public String getPlainText() {
        throw new UnsupportedOperationException();
    }

    public String getEncryptedValue() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static Secret decrypt(@CheckForNull String data) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static String toString(@CheckForNull Secret s) {
        throw new UnsupportedOperationException();
    }
}
