package org.dtrmigration.copy;

import java.time.Duration;
import java.util.Objects;

/**
 * Engine knobs that are not user options: retry bounds, progress cadence, queue and size limits. The
 * defaults suit production; tests shorten the delays.
 *
 * @param retryAttempts     attempts per object or listing page, the first included, for transient errors
 *                          (on top of the storage SDKs' own per-request retries)
 * @param retryDelay        first backoff delay; doubles per attempt, with jitter
 * @param retryMaxDelay     longest single backoff
 * @param retryMaxDuration  give up on one object (or listing) after this long, whatever the attempts left
 * @param maxFailures       stop the whole run after this many objects failed for good
 * @param progressInterval  how often a progress line is reported
 * @param listingThreads    prefixes listed (and merged) in parallel on each side
 * @param largeObjectBytes  objects above this size go to the large-object workers
 * @param maxQueued         copies planned but not finished, before listing waits: bounds memory
 */
public record Tuning(int retryAttempts, Duration retryDelay, Duration retryMaxDelay, Duration retryMaxDuration, int maxFailures,
                     Duration progressInterval, int listingThreads, long largeObjectBytes, int maxQueued) {

    public Tuning {
        if (retryAttempts < 1) {
            throw new IllegalArgumentException("retryAttempts must be at least 1: " + retryAttempts);
        }
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(retryMaxDelay, "retryMaxDelay");
        Objects.requireNonNull(retryMaxDuration, "retryMaxDuration");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (retryMaxDelay.compareTo(retryDelay) <= 0) {
            throw new IllegalArgumentException("retryMaxDelay must be longer than retryDelay");
        }
        if (maxFailures < 1 || listingThreads < 1 || maxQueued < 1 || largeObjectBytes < 0) {
            throw new IllegalArgumentException("maxFailures, listingThreads and maxQueued must be positive, largeObjectBytes not negative");
        }
        if (progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("progressInterval must be positive: " + progressInterval);
        }
    }

    public static Tuning defaults() {
        return new Tuning(6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5), 100,
                Duration.ofSeconds(5), 16, 1024 * 1024, 50_000);
    }

    public Tuning withRetries(int attempts, Duration delay, Duration maxDelay, Duration maxDuration) {
        return new Tuning(attempts, delay, maxDelay, maxDuration, maxFailures, progressInterval, listingThreads, largeObjectBytes, maxQueued);
    }

    public Tuning withProgressInterval(Duration interval) {
        return new Tuning(retryAttempts, retryDelay, retryMaxDelay, retryMaxDuration, maxFailures, interval, listingThreads, largeObjectBytes, maxQueued);
    }

    public Tuning withMaxFailures(int value) {
        return new Tuning(retryAttempts, retryDelay, retryMaxDelay, retryMaxDuration, value, progressInterval, listingThreads, largeObjectBytes, maxQueued);
    }

    public Tuning withListingThreads(int value) {
        return new Tuning(retryAttempts, retryDelay, retryMaxDelay, retryMaxDuration, maxFailures, progressInterval, value, largeObjectBytes, maxQueued);
    }

    public Tuning withMaxQueued(int value) {
        return new Tuning(retryAttempts, retryDelay, retryMaxDelay, retryMaxDuration, maxFailures, progressInterval, listingThreads, largeObjectBytes, value);
    }
}
