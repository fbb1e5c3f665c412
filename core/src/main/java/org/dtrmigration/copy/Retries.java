package org.dtrmigration.copy;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import org.dtrmigration.storage.NoSuchObjectException;
import org.dtrmigration.storage.StorageAccessException;

/**
 * Retries one storage operation on transient failures (throttling and 5xx that outlasted the SDK's own
 * retries, connection resets mid-stream, timeouts) with exponential backoff and jitter, bounded in attempts
 * and time. What a person must fix (credentials, a missing bucket), a corrupt blob and a vanished object
 * are not retried.
 */
final class Retries {

    private final RetryPolicy<Object> policy;
    private final AtomicLong retried = new AtomicLong();

    Retries(Tuning tuning) {
        this.policy = RetryPolicy.builder()
                .handleIf(Retries::isTransient)
                .withBackoff(tuning.retryDelay(), tuning.retryMaxDelay())
                .withJitter(0.25)
                .withMaxAttempts(tuning.retryAttempts())
                .withMaxDuration(tuning.retryMaxDuration())
                .onRetry(e -> retried.incrementAndGet())
                .build();
    }

    static boolean isTransient(Throwable t) {
        Throwable e = t instanceof UncheckedIOException u ? u.getCause() : t;
        return e instanceof IOException
                && !(e instanceof StorageAccessException)
                && !(e instanceof DigestMismatchException)
                && !(e instanceof NoSuchObjectException)
                && !(e instanceof InterruptedIOException && Thread.currentThread().isInterrupted());
    }

    /** Runs the operation until it succeeds, fails for good, or the attempts or time run out; the last failure is thrown. */
    <T> T get(CheckedSupplier<T> operation) throws IOException {
        try {
            return Failsafe.with(policy).get(operation);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            throw new IOException(String.valueOf(cause), cause);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** How many retries were made so far, for progress lines. */
    long retried() {
        return retried.get();
    }
}
