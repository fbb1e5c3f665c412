package org.dtrmigration.copy;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a copy does, independent of where from and to.
 *
 * @param delete         mirror: delete destination objects the source lacks, only after both listings completed
 *                       and every copy succeeded
 * @param includeUploads also copy {@code _uploads/} (in-progress pushes); skipped, on both sides, by default
 * @param shard          the slice of the tree this run copies
 * @param concurrency    small objects in flight (links, manifests, configs); large blobs get a share of this
 * @param dryRun         list and compare, report what would be copied and deleted, write nothing
 */
public record CopyOptions(boolean delete, boolean includeUploads, Shard shard, int concurrency, boolean dryRun)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_CONCURRENCY = 32;
    public static final int MAX_CONCURRENCY = 1024;

    public CopyOptions {
        Objects.requireNonNull(shard, "shard");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency: must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency);
        }
    }

    public static CopyOptions defaults() {
        return new CopyOptions(false, false, Shard.all(), DEFAULT_CONCURRENCY, false);
    }

    public CopyOptions withDelete(boolean value) {
        return new CopyOptions(value, includeUploads, shard, concurrency, dryRun);
    }

    public CopyOptions withIncludeUploads(boolean value) {
        return new CopyOptions(delete, value, shard, concurrency, dryRun);
    }

    public CopyOptions withShard(Shard value) {
        return new CopyOptions(delete, includeUploads, value, concurrency, dryRun);
    }

    public CopyOptions withConcurrency(int value) {
        return new CopyOptions(delete, includeUploads, shard, value, dryRun);
    }

    public CopyOptions withDryRun(boolean value) {
        return new CopyOptions(delete, includeUploads, shard, concurrency, value);
    }

    /**
     * Workers for blobs above the large-object threshold, a quarter of the small-object workers (2 to 8): enough
     * that the bytes of a registry's few big layers keep pace with its many small objects instead of trailing them.
     */
    int largeWorkers() {
        return Math.max(2, Math.min(8, concurrency / 4));
    }
}
