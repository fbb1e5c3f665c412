package org.dtrmigration.simulator.jobs;

import java.util.Set;

/**
 * Job status strings. The Swagger spec lists {@code waiting running done canceled errored}; the
 * docs also name {@code cancel_request} (a running job asked to stop), which this simulator uses
 * between a cancel and the job noticing it. Only {@code done} is success.
 */
public final class JobStatus {
    public static final String WAITING = "waiting";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String ERRORED = "errored";
    public static final String CANCELED = "canceled";
    public static final String CANCEL_REQUEST = "cancel_request";

    private static final Set<String> TERMINAL = Set.of(DONE, ERRORED, CANCELED);

    private JobStatus() {
    }

    public static boolean isTerminal(String status) {
        return TERMINAL.contains(status);
    }
}
