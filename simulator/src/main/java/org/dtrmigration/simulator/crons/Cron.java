package org.dtrmigration.simulator.crons;

import java.time.Instant;
import java.util.Objects;

/** A stored cron as {@code /api/v0/crons} shows it. {@code nextRun} is null for a schedule that never fires. */
public record Cron(String id, CronSpec spec, Instant nextRun) {
    public Cron {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
    }

    public String action() {
        return spec.action();
    }
}
