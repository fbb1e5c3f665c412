package org.dtrmigration.registry;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows a DTR job to its end: streams new log lines as they appear, follows retries (a retry is a
 * new job whose {@code retryFromID} is the failed one), and succeeds only on {@code done}.
 */
public final class JobWatcher {

    /** The final job, every job id in the retry chain (first to last), the log lines seen, and the time taken. */
    public record Outcome(Job job, List<String> chain, int logLines, Duration elapsed) implements Serializable {
    }

    private static final int LOG_PAGE = 500;
    /** Statuses after which DTR may schedule a retry, if the job has retries left. */
    private static boolean mayBeRetried(String status) {
        return !"canceled".equals(status) && !"cancel".equals(status) && !"deleted".equals(status)
                && !Job.DONE.equals(status);
    }

    private final DtrClient client;

    public JobWatcher(DtrClient client) {
        this.client = client;
    }

    public Outcome await(Job started, Duration timeout, Consumer<String> logLine) throws DtrException, InterruptedException {
        Instant start = client.clock().instant();
        Instant deadline = start.plus(timeout);
        List<String> chain = new ArrayList<>(List.of(started.id()));
        Job current = started;
        int offset = 0;
        int lines = 0;
        while (true) {
            int read = drainLogs(current, offset, logLine);
            offset += read;
            lines += read;
            Job now = client.job(current.id());
            if (now.isTerminal()) {
                read = drainLogs(now, offset, logLine);
                offset += read;
                lines += read;
                if (now.isDone()) {
                    return new Outcome(now, List.copyOf(chain), lines, Duration.between(start, client.clock().instant()));
                }
                if (now.retriesLeft() > 0 && mayBeRetried(now.status())) {
                    Optional<Job> retry = findRetry(now);
                    if (retry.isPresent()) {
                        client.events().warn("Job " + now.id() + " (" + now.action() + ") ended " + now.status()
                                + "; following its retry " + retry.get().id() + " (" + now.retriesLeft() + " retries left)");
                        current = retry.get();
                        chain.add(current.id());
                        offset = 0;
                        continue;
                    }
                    // DTR creates the retry shortly after; keep polling until the deadline.
                } else {
                    throw new DtrException.JobFailed("job " + now.id() + " (" + now.action() + ") ended with status '"
                            + now.status() + "', not 'done'" + (chain.size() > 1 ? " after retries " + chain : "")
                            + ". See its log in DTR (System > Job Logs) or above", now.id(), now.status());
                }
            }
            if (!client.clock().instant().isBefore(deadline)) {
                throw new DtrException.JobFailed("job " + current.id() + " (" + current.action() + ") did not finish within "
                        + timeout.toMinutes() + " min (status '" + now.status() + "'); it may still be running in DTR",
                        current.id(), now.status());
            }
            client.sleeper().sleep(client.options().pollInterval());
        }
    }

    private int drainLogs(Job job, int offset, Consumer<String> sink) throws DtrException {
        int total = 0;
        while (true) {
            List<JobLogLine> page = client.jobLogs(job.id(), offset + total, LOG_PAGE);
            page.forEach(l -> sink.accept(l.data()));
            total += page.size();
            if (page.size() < LOG_PAGE) {
                return total;
            }
        }
    }

    private Optional<Job> findRetry(Job failed) throws DtrException {
        return client.jobs(failed.action(), "any", 50).stream()
                .filter(j -> failed.id().equals(j.retryFromId()))
                .findFirst();
    }
}
