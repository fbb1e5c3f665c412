package org.dtrmigration.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** A DTR/MSR job as {@code /api/v0/jobs} describes it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Job(
        @JsonProperty("id") String id,
        @JsonProperty("retryFromID") String retryFromId,
        @JsonProperty("workerID") String workerId,
        @JsonProperty("status") String status,
        @JsonProperty("scheduledAt") String scheduledAt,
        @JsonProperty("lastUpdated") String lastUpdated,
        @JsonProperty("action") String action,
        @JsonProperty("retriesLeft") int retriesLeft,
        @JsonProperty("parameters") JsonNode parameters,
        @JsonProperty("deadline") String deadline,
        @JsonProperty("stopTimeout") String stopTimeout) {

    /** Statuses in which a job may still change; the Swagger enum and the docs table disagree, so both are covered. */
    private static final Set<String> NOT_TERMINAL = Set.of("waiting", "running", "cancel_request");

    /** Only this status is success. */
    public static final String DONE = "done";

    public boolean isTerminal() {
        return status != null && !NOT_TERMINAL.contains(status);
    }

    public boolean isDone() {
        return DONE.equals(status);
    }
}
