package org.dtrmigration.simulator.crons;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cron to create or update: the body of {@code POST /api/v0/crons} (a Cron without id and
 * nextRun). Crons are keyed by action: one cron per action.
 */
public record CronSpec(String action, String schedule, int retries, Map<String, Integer> capacityMap,
                       Map<String, Object> parameters, String deadline, String stopTimeout) {

    public CronSpec {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(schedule, "schedule");
        capacityMap = capacityMap == null ? Map.of() : Map.copyOf(capacityMap);
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        deadline = deadline == null ? "" : deadline;
        stopTimeout = stopTimeout == null ? "" : stopTimeout;
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
    }

    public static CronSpec of(String action, String schedule) {
        return new CronSpec(action, schedule, 0, Map.of(), Map.of(), "", "");
    }

    /** Online GC "until done" every Saturday at 01:00 UTC, the kind of schedule the DTR UI saves. */
    public static CronSpec onlineGcWeekly() {
        return of("onlinegc", "0 0 1 * * 6");
    }

    public CronSpec withDeadline(String newDeadline) {
        return new CronSpec(action, schedule, retries, capacityMap, parameters, newDeadline, stopTimeout);
    }

    public CronSpec withRetries(int newRetries) {
        return new CronSpec(action, schedule, newRetries, capacityMap, parameters, deadline, stopTimeout);
    }
}
