package org.dtrmigration.migration;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrException;
import org.dtrmigration.registry.Job;
import org.dtrmigration.registry.JobWatcher;

/** Runs an online garbage-collection job to its end, streaming its log. */
public final class OnlineGc {

    /** The GC job actions a person may ask for. */
    public static final Set<String> ACTIONS = Set.of("onlinegc_blobs", "onlinegc", "onlinegc_metadata", "gc");

    private final DtrClient client;
    private final EventSink events;

    public OnlineGc(DtrClient client, EventSink events) {
        this.client = Objects.requireNonNull(client, "client");
        this.events = Objects.requireNonNull(events, "events");
    }

    public static String checkAction(String action) {
        if (action == null || !ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action: expected one of " + new java.util.TreeSet<>(ACTIONS) + ", got '"
                    + action + "'");
        }
        return action;
    }

    public JobWatcher.Outcome run(String action, Duration timeout) throws DtrException, InterruptedException {
        checkAction(action);
        Job job = client.startJob(action, null);
        events.info("Started " + action + " job " + job.id() + " on " + client.endpoint().url());
        JobWatcher.Outcome outcome = new JobWatcher(client).await(job, timeout,
                line -> events.info("[" + action + "] " + line));
        events.info("Job " + outcome.job().id() + " (" + action + ") is done after " + outcome.elapsed().toSeconds() + " s");
        return outcome;
    }
}
