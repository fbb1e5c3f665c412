package org.dtrmigration.simulator.crons;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dtrmigration.simulator.jobs.Job;
import org.dtrmigration.simulator.jobs.JobRequest;
import org.dtrmigration.simulator.jobs.JobService;

/**
 * Periodic jobs keyed by action. When the scheduler runs, a due cron starts its job and moves to
 * its next activation. Deleting a cron never touches jobs it already started (as in DTR).
 */
public final class CronService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CronService.class.getName());

    private final JobService jobs;
    private final Clock clock;
    private final Map<String, Cron> crons = new TreeMap<>();
    private ScheduledExecutorService scheduler;

    public CronService(JobService jobs, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks for due crons every {@code tick}, until {@link #close()}. */
    public synchronized void startScheduler(Duration tick) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dtr-simulator-cron");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::fireDue, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized List<Cron> list() {
        return List.copyOf(crons.values());
    }

    public synchronized Optional<Cron> get(String action) {
        return Optional.ofNullable(crons.get(action));
    }

    /**
     * Creates or replaces the cron for the spec's action (keeping its id);
     * {@link IllegalArgumentException} for an unknown action, bad schedule or bad deadline.
     */
    public synchronized Cron put(CronSpec spec) {
        if (!jobs.isKnownAction(spec.action())) {
            throw new IllegalArgumentException("unknown job action: " + spec.action());
        }
        CronSchedule schedule = CronSchedule.parse(spec.schedule());
        if (!GoDuration.isValidOrEmpty(spec.deadline()) || !GoDuration.isValidOrEmpty(spec.stopTimeout())) {
            throw new IllegalArgumentException("deadline and stopTimeout must be empty or durations like 30m");
        }
        Cron existing = crons.get(spec.action());
        String id = existing != null ? existing.id() : UUID.randomUUID().toString();
        Cron cron = new Cron(id, spec, schedule.next(clock.instant()));
        crons.put(spec.action(), cron);
        return cron;
    }

    public synchronized boolean delete(String action) {
        return crons.remove(action) != null;
    }

    /** Starts the cron's job now, as if its schedule had come round (test hook). */
    public synchronized Optional<Job> fire(String action) {
        Cron cron = crons.get(action);
        return cron == null ? Optional.empty() : Optional.of(start(cron));
    }

    /** Starts every cron whose next run has come, then schedules its following run. */
    public synchronized void fireDue() {
        Instant now = clock.instant();
        for (Cron cron : List.copyOf(crons.values())) {
            if (cron.nextRun() != null && !cron.nextRun().isAfter(now)) {
                try {
                    start(cron);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cron " + cron.action() + " could not start its job", e);
                }
                crons.put(cron.action(), new Cron(cron.id(), cron.spec(), CronSchedule.parse(cron.spec().schedule()).next(now)));
            }
        }
    }

    private Job start(Cron cron) {
        CronSpec s = cron.spec();
        return jobs.submit(new JobRequest(s.action(), s.parameters(), s.deadline(), s.stopTimeout(), s.retries()));
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
