package org.dtrmigration.simulator.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dtrmigration.simulator.faults.Faults;
import org.dtrmigration.simulator.http.Json;

/**
 * Runs jobs asynchronously: {@code waiting} for the start delay, {@code running} on a replica
 * (round robin) with log lines appearing step by step, then {@code done}, {@code errored} or
 * {@code canceled}. A failed job with retries left is followed by a new job whose
 * {@code retryFromID} is the failed job's id.
 */
public final class JobService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JobService.class.getName());

    private final JobActions actions;
    private final Clock clock;
    private final List<String> workers;
    private final Duration startDelay;
    private final Duration stepDelay;
    private final Faults faults;
    private final ExecutorService executor;
    private final Map<String, Entry> jobs = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger nextWorker = new AtomicInteger();

    /** A job, its log and its cancellation signal. Status changes happen under the entry's lock. */
    private static final class Entry {
        final long seq;
        final List<JobLogLine> logs = new ArrayList<>();
        final CountDownLatch cancel = new CountDownLatch(1);
        volatile Job job;

        Entry(long seq, Job job) {
            this.seq = seq;
            this.job = job;
        }
    }

    public JobService(JobActions actions, Clock clock, List<String> workers, Duration startDelay, Duration stepDelay, Faults faults) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.workers = List.copyOf(workers);
        this.startDelay = startDelay;
        this.stepDelay = stepDelay;
        this.faults = faults;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dtr-simulator-job-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public boolean isKnownAction(String action) {
        return actions.find(action).isPresent();
    }

    /** Queues a job; {@link IllegalArgumentException} for an unknown action. */
    public Job submit(JobRequest request) {
        return create(request, null, request.retries());
    }

    private Job create(JobRequest request, String retryFrom, int retriesLeft) {
        JobAction action = actions.find(request.action())
                .orElseThrow(() -> new IllegalArgumentException("unknown job action: " + request.action()));
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Job job = new Job(id, retryFrom == null ? id : retryFrom, "", JobStatus.WAITING, now, now, request.action(),
                retriesLeft, request.retries(), Map.of(request.action(), 1), request.parameters(),
                request.deadline(), request.stopTimeout());
        Entry entry = new Entry(sequence.incrementAndGet(), job);
        jobs.put(id, entry);
        executor.execute(() -> run(entry, action, request));
        return job;
    }

    public Optional<Job> job(String id) {
        Entry e = jobs.get(id);
        return e == null ? Optional.empty() : Optional.of(e.job);
    }

    /**
     * Jobs newest first, filtered. {@code worker} "any" or null matches all; {@code running} null
     * matches all, true only jobs that are not finished (waiting, running, cancel_request).
     */
    public List<Job> list(String action, String worker, Boolean running, int start, int limit) {
        return jobs.values().stream()
                .sorted(Comparator.comparingLong((Entry e) -> e.seq).reversed())
                .map(e -> e.job)
                .filter(j -> action == null || j.action().equals(action))
                .filter(j -> worker == null || worker.equals("any") || j.workerID().equals(worker))
                .filter(j -> running == null || running == !j.isTerminal())
                .skip(start)
                .limit(limit)
                .toList();
    }

    /** Log lines from {@code offset}; at most {@code limit} of them ({@code limit < 0}: all). Empty for unknown jobs. */
    public Optional<List<JobLogLine>> logs(String id, int offset, int limit) {
        Entry e = jobs.get(id);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            int from = Math.min(offset, e.logs.size());
            int to = limit < 0 ? e.logs.size() : (int) Math.min(e.logs.size(), (long) from + limit);
            return Optional.of(List.copyOf(e.logs.subList(from, to)));
        }
    }

    /**
     * Asks a job to stop: a waiting job is canceled at once, a running one goes to
     * {@code cancel_request} until it notices; a finished job is left alone. False for unknown ids.
     */
    public boolean cancel(String id) {
        Entry e = jobs.get(id);
        if (e == null) {
            return false;
        }
        synchronized (e) {
            Job job = e.job;
            if (job.status().equals(JobStatus.WAITING)) {
                e.job = job.with(JobStatus.CANCELED, job.workerID(), clock.instant());
            } else if (job.status().equals(JobStatus.RUNNING)) {
                e.job = job.with(JobStatus.CANCEL_REQUEST, job.workerID(), clock.instant());
            }
        }
        e.cancel.countDown();
        return true;
    }

    /** Waits until the job has finished; for tests and in-process drivers. */
    public Job awaitTerminal(String id, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Job job = job(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
            if (job.isTerminal()) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("job " + id + " still " + job.status() + " after " + timeout);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- execution ------------------------------------------------------------------------------

    private void run(Entry entry, JobAction action, JobRequest request) {
        Context ctx = new Context(entry);
        try {
            if (entry.cancel.await(startDelay.toMillis(), TimeUnit.MILLISECONDS) || !start(entry)) {
                finish(entry, JobStatus.CANCELED);
                return;
            }
            if (faults.takeJobFailure(entry.job.action())) {
                throw new JobFailedException("injected failure");
            }
            action.run(ctx);
            finish(entry, JobStatus.DONE);
        } catch (JobCanceledException e) {
            ctx.info("job canceled");
            finish(entry, JobStatus.CANCELED);
        } catch (InterruptedException e) {
            finish(entry, JobStatus.CANCELED);
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            ctx.log("error", e.getMessage() == null ? e.toString() : e.getMessage());
            // queue the retry first, so whoever sees "errored" can already find its retry
            retry(entry.job, request);
            finish(entry, JobStatus.ERRORED);
        }
    }

    private boolean start(Entry entry) {
        synchronized (entry) {
            if (!entry.job.status().equals(JobStatus.WAITING)) {
                return false;
            }
            String worker = workers.get(Math.floorMod(nextWorker.getAndIncrement(), workers.size()));
            entry.job = entry.job.with(JobStatus.RUNNING, worker, clock.instant());
            return true;
        }
    }

    private void finish(Entry entry, String status) {
        synchronized (entry) {
            Job job = entry.job;
            if (!job.isTerminal()) {
                entry.job = job.with(status, job.workerID(), clock.instant());
            }
        }
    }

    private void retry(Job failed, JobRequest request) {
        if (failed.retriesLeft() <= 0 || executor.isShutdown()) {
            return;
        }
        try {
            create(request, failed.id(), failed.retriesLeft() - 1);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not queue retry of job " + failed.id(), e);
        }
    }

    private final class Context implements JobContext {
        private final Entry entry;

        Context(Entry entry) {
            this.entry = entry;
        }

        @Override
        public Job job() {
            return entry.job;
        }

        @Override
        public void info(String message) {
            log("info", message);
        }

        @Override
        public void warn(String message) {
            log("warning", message);
        }

        /** Lines look like DTR's job logs: one logrus-style JSON object per line. */
        void log(String level, String message) {
            ObjectNode line = Json.object().put("level", level).put("msg", message).put("time", Json.time(clock.instant()));
            synchronized (entry) {
                entry.logs.add(new JobLogLine(new String(Json.bytes(line), StandardCharsets.UTF_8), entry.logs.size()));
            }
        }

        @Override
        public void step() throws JobCanceledException, InterruptedException {
            Duration delay = faults.jobStepDelay().orElse(stepDelay);
            if (entry.cancel.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new JobCanceledException();
            }
        }

        @Override
        public void checkCanceled() throws JobCanceledException {
            if (entry.cancel.getCount() == 0) {
                throw new JobCanceledException();
            }
        }
    }
}
