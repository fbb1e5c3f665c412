package org.dtrmigration.simulator.jobs;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A job as {@code /api/v0/jobs} shows it. A first attempt's {@code retryFromID} is its own id (as
 * in the DTR docs' example); a retry is a new job whose {@code retryFromID} is the failed job's id.
 * {@code workerID} is empty until a replica picks the job up.
 */
public record Job(String id, String retryFromID, String workerID, String status, Instant scheduledAt, Instant lastUpdated,
                  String action, int retriesLeft, int retriesTotal, Map<String, Integer> capacityMap,
                  Map<String, Object> parameters, String deadline, String stopTimeout) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(retryFromID, "retryFromID");
        Objects.requireNonNull(workerID, "workerID");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(action, "action");
        capacityMap = Map.copyOf(capacityMap);
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        deadline = deadline == null ? "" : deadline;
        stopTimeout = stopTimeout == null ? "" : stopTimeout;
    }

    public boolean isTerminal() {
        return JobStatus.isTerminal(status);
    }

    Job with(String newStatus, String newWorker, Instant at) {
        return new Job(id, retryFromID, newWorker, newStatus, scheduledAt, at, action, retriesLeft, retriesTotal,
                capacityMap, parameters, deadline, stopTimeout);
    }
}
