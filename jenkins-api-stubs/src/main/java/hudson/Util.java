package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Stub of {@code hudson.Util} (jenkins-core): a few static helpers, which throw here like every stub method.
 * The private constructor only suppresses an implicit one; it is not API.
 */
public class Util {
    private Util() {
    }

    @NonNull
    public static String fixNull(@CheckForNull String s) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static String fixEmpty(@CheckForNull String s) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static String fixEmptyAndTrim(@CheckForNull String s) {
        throw new UnsupportedOperationException();
    }
}
