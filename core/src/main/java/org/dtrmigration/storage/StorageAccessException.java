package org.dtrmigration.storage;

import java.io.IOException;

/**
 * The backend refused the store as configured: something a person must fix (a missing bucket,
 * rejected credentials, missing permissions), not a transient error worth retrying per object.
 * Messages name the bucket/container and endpoint, never a secret.
 */
public class StorageAccessException extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The bucket or container does not exist. */
        MISSING_CONTAINER,
        /** The credentials were rejected (unknown key, bad signature, expired token). */
        BAD_CREDENTIALS,
        /** The credentials are valid but lack permission. */
        ACCESS_DENIED,
        /** No credentials were found where they were looked for. */
        NO_CREDENTIALS,
        /** The endpoint could not be reached. */
        UNREACHABLE,
        /** The server refused the time requests were signed with: this machine's clock is off. */
        CLOCK_SKEW
    }

    private final Reason reason;

    public StorageAccessException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
