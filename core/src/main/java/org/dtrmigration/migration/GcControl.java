package org.dtrmigration.migration;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.registry.Cron;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrException;
import org.dtrmigration.registry.Job;

/**
 * Stops garbage collection for the length of a migration and brings the schedule back afterwards.
 * GC running during a copy deletes blobs the copy has not reached yet, so disabling is: save every GC
 * cron in full, delete them, cancel running GC jobs, and check that none is left. Other crons
 * (mirroring, pruning) are left alone.
 */
public final class GcControl {

    private final DtrClient client;
    private final EventSink events;

    public GcControl(DtrClient client, EventSink events) {
        this.client = Objects.requireNonNull(client, "client");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Receives the GC crons about to be deleted, before the first deletion. */
    @FunctionalInterface
    public interface BeforeRemoving {
        void save(GcSchedule toRemove) throws IOException;
    }

    /**
     * Saves every GC cron through {@code beforeRemoving} before deleting any (so a run cut short, by a lost agent or a
     * controller restart, never leaves DTR without its GC crons and the caller without their schedule), deletes them,
     * cancels running GC jobs and checks none is left. Returns what was removed, with the canceled job ids.
     */
    public GcSchedule disable(BeforeRemoving beforeRemoving) throws DtrException, IOException {
        List<Cron> gcCrons = client.crons().stream().filter(Cron::isGarbageCollection).toList();
        beforeRemoving.save(new GcSchedule(client.endpoint().url().toString(), Instant.now(), gcCrons, List.of()));
        for (Cron cron : gcCrons) {
            events.info("Saved and removing GC cron '" + cron.action() + "' (schedule " + cron.schedule() + ")");
            client.deleteCron(cron.action());
        }
        if (gcCrons.isEmpty()) {
            events.info("No GC cron is scheduled on " + client.endpoint().url());
        }
        List<String> canceled = new ArrayList<>();
        for (Job job : client.jobs(null, "true", 100)) {
            if (job.action() != null && Cron.isGcAction(job.action()) && !job.isTerminal()) {
                events.info("Canceling running GC job " + job.id() + " (" + job.action() + ", " + job.status() + ")");
                client.cancelJob(job.id());
                canceled.add(job.id());
            }
        }
        List<String> left = client.crons().stream().filter(Cron::isGarbageCollection).map(Cron::action).toList();
        if (!left.isEmpty()) {
            throw new DtrException("GC crons still present after deleting them: " + left + " at " + client.endpoint().url());
        }
        return new GcSchedule(client.endpoint().url().toString(), Instant.now(), gcCrons, canceled);
    }

    /** Re-creates exactly the saved crons and checks DTR now lists them with their schedules. */
    public List<Cron> restore(GcSchedule saved) throws DtrException {
        for (Cron cron : saved.crons()) {
            events.info("Re-creating GC cron '" + cron.action() + "' (schedule " + cron.schedule() + ")");
            client.putCron(cron);
        }
        Map<String, Cron> now = client.crons().stream().collect(Collectors.toMap(Cron::action, c -> c, (a, b) -> a));
        List<String> wrong = new ArrayList<>();
        for (Cron cron : saved.crons()) {
            Cron actual = now.get(cron.action());
            if (actual == null || !Objects.equals(actual.schedule(), cron.schedule())) {
                wrong.add(cron.action());
            }
        }
        if (!wrong.isEmpty()) {
            throw new DtrException("GC crons not restored as saved: " + wrong + " at " + client.endpoint().url());
        }
        if (saved.crons().isEmpty()) {
            events.info("The saved schedule holds no GC cron; nothing to restore");
        }
        return saved.crons();
    }
}
