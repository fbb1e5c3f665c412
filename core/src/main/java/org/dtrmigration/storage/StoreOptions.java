package org.dtrmigration.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning shared by the cloud stores. Defaults suit a bulk copy: many small objects in flight, large
 * ones in parts with a memory cap.
 *
 * @param maxConnections     HTTP connections per store; match the number of requests the caller keeps in flight
 * @param multipartThreshold objects up to this size go in one request (buffered, so a retry can resend them);
 *                           larger ones in parts
 * @param partSize           the part (S3) or block (Azure) size; grown for huge objects to stay under the part-count limit
 * @param partThreads        threads uploading parts, shared by all large writes of one store
 * @param partMemory         cap on bytes buffered for parts in flight across all large writes of one store
 * @param connectTimeout     TCP/TLS connect timeout
 * @param readTimeout        longest silence on an open connection before the attempt fails (and is retried)
 * @param maxAttempts        attempts per request, including the first, for throttling, 5xx and I/O errors
 */
public record StoreOptions(int maxConnections, long multipartThreshold, int partSize, int partThreads, long partMemory,
                           Duration connectTimeout, Duration readTimeout, int maxAttempts) {

    public static final int MiB = 1024 * 1024;
    /** S3's smallest part (except the last). */
    public static final int MIN_PART_SIZE = 5 * MiB;

    public StoreOptions {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        if (partSize < MIN_PART_SIZE || partSize > 512 * MiB) {
            throw new IllegalArgumentException("partSize must be between 5 MiB and 512 MiB: " + partSize);
        }
        if (multipartThreshold < 0 || multipartThreshold > 1024L * MiB) {
            throw new IllegalArgumentException("multipartThreshold must be between 0 and 1 GiB: " + multipartThreshold);
        }
        if (partThreads < 1) {
            throw new IllegalArgumentException("partThreads must be at least 1: " + partThreads);
        }
        if (partMemory < partSize) {
            throw new IllegalArgumentException("partMemory must hold at least one part: " + partMemory);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    public static StoreOptions defaults() {
        return new StoreOptions(64, 16L * MiB, 16 * MiB, 8, 256L * MiB, Duration.ofSeconds(10), Duration.ofMinutes(2), 8);
    }

    public StoreOptions withMaxConnections(int value) {
        return new StoreOptions(value, multipartThreshold, partSize, partThreads, partMemory, connectTimeout, readTimeout, maxAttempts);
    }

    /** Sets the single-request limit and the part size together (tests lower both to exercise parts). */
    public StoreOptions withMultipart(long threshold, int size) {
        return new StoreOptions(maxConnections, threshold, size, partThreads, Math.max(partMemory, size), connectTimeout, readTimeout, maxAttempts);
    }

    public StoreOptions withMaxAttempts(int value) {
        return new StoreOptions(maxConnections, multipartThreshold, partSize, partThreads, partMemory, connectTimeout, readTimeout, value);
    }

    public StoreOptions withTimeouts(Duration connect, Duration read) {
        return new StoreOptions(maxConnections, multipartThreshold, partSize, partThreads, partMemory, connect, read, maxAttempts);
    }
}
