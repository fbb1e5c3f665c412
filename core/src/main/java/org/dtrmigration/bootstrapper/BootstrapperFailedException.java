package org.dtrmigration.bootstrapper;

import java.io.IOException;

/** A bootstrapper (or docker) command ended with a non-zero exit code. */
public final class BootstrapperFailedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public BootstrapperFailedException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
