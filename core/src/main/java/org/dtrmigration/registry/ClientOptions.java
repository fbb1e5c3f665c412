package org.dtrmigration.registry;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and retry bounds of the registry client.
 *
 * @param connectTimeout TCP + TLS connect timeout
 * @param readTimeout time to wait for a response
 * @param maxRetries retries of a safe request after a connection failure or 502/503/504
 * @param retryBudget total time a request may spend retrying
 * @param pollInterval how often job and read-only state are polled
 */
public record ClientOptions(Duration connectTimeout, Duration readTimeout, int maxRetries, Duration retryBudget,
                            Duration pollInterval) implements Serializable {

    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(15), Duration.ofSeconds(60), 6, Duration.ofMinutes(2),
                Duration.ofSeconds(2));
    }

    public ClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retryBudget, "retryBudget");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
    }

    public ClientOptions withPollInterval(Duration interval) {
        return new ClientOptions(connectTimeout, readTimeout, maxRetries, retryBudget, interval);
    }

    public ClientOptions withRetries(int retries, Duration budget) {
        return new ClientOptions(connectTimeout, readTimeout, retries, budget, pollInterval);
    }
}
