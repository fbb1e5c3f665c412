package org.dtrmigration.simulator.jobs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What starts a job: the POST body of {@code /api/v0/jobs}, or a cron firing. */
public record JobRequest(String action, Map<String, Object> parameters, String deadline, String stopTimeout, int retries) {
    public JobRequest {
        Objects.requireNonNull(action, "action");
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        deadline = deadline == null ? "" : deadline;
        stopTimeout = stopTimeout == null ? "" : stopTimeout;
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
    }

    public static JobRequest of(String action) {
        return new JobRequest(action, Map.of(), "", "", 0);
    }
}
