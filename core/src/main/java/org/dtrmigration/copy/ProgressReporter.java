package org.dtrmigration.copy;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.dtrmigration.events.EventSink;

/**
 * Reports a copy's progress every few seconds: objects and bytes done out of those found so far, the
 * rate, and once listing is complete an ETA. Runs on its own daemon thread so a slow sink never slows
 * the copy, and stops with the copy.
 */
final class ProgressReporter implements AutoCloseable {
    private final String label;
    private final Counters counters;
    private final EventSink events;
    private final LongSupplier retries;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;

    ProgressReporter(String label, Counters counters, EventSink events, Duration interval, LongSupplier retries) {
        this.label = label;
        this.counters = counters;
        this.events = events;
        this.retries = retries;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dtr-migrate-progress");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        timer.scheduleAtFixedRate(this::report, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void report() {
        try {
            events.progress(line());
        } catch (RuntimeException e) {
            // a failing console must not stop the copy
        }
    }

    String line() {
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        long done = counters.copied.get();
        long planned = counters.planned.get();
        long bytes = Math.min(counters.streamedBytes.get(), Math.max(counters.plannedBytes.get(), counters.copiedBytes.get()));
        long plannedBytes = counters.plannedBytes.get();
        double byteRate = bytes / seconds;
        double objectRate = done / seconds;
        StringBuilder line = new StringBuilder(label).append(": ")
                .append(done).append('/').append(planned).append(" objects, ")
                .append(Sizes.bytes(bytes)).append('/').append(Sizes.bytes(plannedBytes)).append(" copied; ")
                .append(counters.unchanged.get()).append(" unchanged; ")
                .append(Sizes.bytes((long) byteRate)).append("/s, ")
                .append(String.format(Locale.ROOT, "%.0f", objectRate)).append(" objects/s");
        if (counters.listingDone) {
            double etaBytes = byteRate > 0 ? (plannedBytes - bytes) / byteRate : 0;
            double etaObjects = objectRate > 0 ? (planned - done) / objectRate : 0;
            line.append(", ETA ").append(Sizes.duration(Duration.ofSeconds((long) Math.ceil(Math.max(etaBytes, etaObjects)))));
        } else {
            line.append(", listing ").append(counters.parts.get(1)).append('/').append(counters.parts.get(0))
                    .append(" prefixes (").append(counters.listed.get()).append(" source objects so far)");
        }
        long failed = counters.failed.get();
        if (failed > 0) {
            line.append(", ").append(failed).append(" FAILED");
        }
        long r = retries.getAsLong();
        if (r > 0) {
            line.append(", ").append(r).append(" retries");
        }
        return line.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
