package org.dtrmigration.copy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completes once every registered future has completed (normally or not) and the barrier is sealed. Used to
 * hold writes back until the writes they must follow are done, with O(1) memory however many there are.
 */
final class Barrier {
    private final AtomicInteger outstanding = new AtomicInteger(1); // the seal counts as one
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean sealed;

    /** Registers a future; ignored once sealed (it cannot be waited on by whoever already has the seal). */
    void add(CompletableFuture<?> future) {
        if (sealed) {
            return;
        }
        outstanding.incrementAndGet();
        future.whenComplete((r, e) -> arrive());
    }

    /** Stops registration; the returned future completes when everything registered has. */
    CompletableFuture<Void> seal() {
        if (!sealed) {
            sealed = true;
            arrive();
        }
        return done;
    }

    private void arrive() {
        if (outstanding.decrementAndGet() == 0) {
            done.complete(null);
        }
    }
}
