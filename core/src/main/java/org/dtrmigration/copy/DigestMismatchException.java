package org.dtrmigration.copy;

import java.io.IOException;
import org.dtrmigration.layout.Digest;

/** A blob's content does not hash to the digest its key names: the object is corrupt where it was read. */
public final class DigestMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String key;

    DigestMismatchException(String key, String detail) {
        super(detail);
        this.key = key;
    }

    static DigestMismatchException of(String where, String key, Digest expected, Digest actual, long length) {
        return new DigestMismatchException(key, "blob '" + key + "' in " + where + " is corrupt: its " + length + " bytes hash to "
                + actual + ", not " + expected);
    }

    public String key() {
        return key;
    }
}
