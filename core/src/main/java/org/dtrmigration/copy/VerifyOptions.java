package org.dtrmigration.copy;

import java.io.Serializable;

/**
 * How thoroughly to verify.
 *
 * @param deep           re-read and re-hash every destination blob against the digest in its key (finds a flipped
 *                       byte that keeps the size); otherwise blobs are compared by key and size
 * @param includeUploads also compare {@code _uploads/} (skipped on both sides by default, as the copy does)
 * @param concurrency    reads in flight (link contents, manifests, deep hashing)
 */
public record VerifyOptions(boolean deep, boolean includeUploads, int concurrency) implements Serializable {
    private static final long serialVersionUID = 1L;

    public VerifyOptions {
        if (concurrency < 1 || concurrency > CopyOptions.MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency: must be between 1 and " + CopyOptions.MAX_CONCURRENCY + ", got " + concurrency);
        }
    }

    public static VerifyOptions defaults() {
        return new VerifyOptions(false, false, CopyOptions.DEFAULT_CONCURRENCY);
    }

    public VerifyOptions withDeep(boolean value) {
        return new VerifyOptions(value, includeUploads, concurrency);
    }

    public VerifyOptions withIncludeUploads(boolean value) {
        return new VerifyOptions(deep, value, concurrency);
    }

    public VerifyOptions withConcurrency(int value) {
        return new VerifyOptions(deep, includeUploads, value);
    }
}
