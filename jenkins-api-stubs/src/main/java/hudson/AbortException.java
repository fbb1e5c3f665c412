package hudson;

import java.io.IOException;

/** Stub of {@code hudson.AbortException} (jenkins-core): a plain data-holder exception. */
public class AbortException extends IOException {
    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }
}
