package org.dtrmigration.bootstrapper;

import java.io.IOException;

/** A backup archive that cannot be trusted: empty, not a tar, truncated, of another version, or changed since it was made. */
public final class InvalidBackupException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidBackupException(String message) {
        super(message);
    }

    public InvalidBackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
