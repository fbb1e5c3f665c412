package org.dtrmigration.simulator.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Faults injected at runtime, from tests or a rehearsal driver. HTTP faults match a method (null:
 * any) and a path regular expression that must match the whole raw path, and fire a given number
 * of times (consecutive matching requests); latency applies until cleared. Job faults make the
 * next runs of an action error, or make every job step slow.
 */
public final class Faults {

    /** A fault and how many more matching requests it applies to. */
    private static final class Rule {
        private final String method;
        private final Pattern path;
        private final Fault fault;
        private int remaining;

        Rule(String method, Pattern path, Fault fault, int remaining) {
            this.method = method;
            this.path = path;
            this.fault = fault;
            this.remaining = remaining;
        }

        boolean matches(String m, String p) {
            return (method == null || method.equalsIgnoreCase(m)) && path.matcher(p).matches();
        }
    }

    private record Latency(String method, Pattern path, Duration delay) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<Latency> latencies = new ArrayList<>();
    private final Map<String, Integer> jobFailures = new HashMap<>();
    private Duration jobStepDelay;
    private boolean notADtr;
    private boolean unhealthy;

    /** The next {@code times} requests matching get {@code status} (e.g. 502, 503, 504) instead of an answer. */
    public synchronized void failRequests(String method, String pathRegex, int status, int times) {
        add(method, pathRegex, new Fault.Status(status), times);
    }

    /** The next {@code times} matching requests get their connection closed without a response. */
    public synchronized void dropConnections(String method, String pathRegex, int times) {
        add(method, pathRegex, new Fault.Drop(), times);
    }

    /** The next {@code times} matching requests get an HTML page with {@code status}. */
    public synchronized void answerHtml(String method, String pathRegex, int status, int times) {
        add(method, pathRegex, new Fault.Html(status), times);
    }

    /** Every matching request waits {@code delay} before being handled, until {@link #clear()}. */
    public synchronized void addLatency(String method, String pathRegex, Duration delay) {
        latencies.add(new Latency(method, Pattern.compile(pathRegex), Objects.requireNonNull(delay, "delay")));
    }

    /** While on, every {@code /api/...} path answers a plain 404, as a server that is not DTR would. */
    public synchronized void notADtr(boolean on) {
        notADtr = on;
    }

    /** While on, {@code /_ping} answers 503 {@code {"Healthy":false}}. */
    public synchronized void unhealthy(boolean on) {
        unhealthy = on;
    }

    /** The next {@code times} runs of jobs with this action error (retries, if any, follow). */
    public synchronized void failJobs(String action, int times) {
        jobFailures.merge(action, times, Integer::sum);
    }

    /** Pause between job steps (slow jobs); null restores the configured pace. */
    public synchronized void jobStepDelay(Duration delay) {
        jobStepDelay = delay;
    }

    /** Removes every fault. */
    public synchronized void clear() {
        rules.clear();
        latencies.clear();
        jobFailures.clear();
        jobStepDelay = null;
        notADtr = false;
        unhealthy = false;
    }

    private void add(String method, String pathRegex, Fault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        rules.add(new Rule(method, Pattern.compile(pathRegex), fault, times));
    }

    // ---- used by the server and the job runner ---------------------------------------------------

    /** The fault for this request, if any rule matches; consumes one of the rule's occurrences. */
    public synchronized Optional<Fault> take(String method, String path) {
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.matches(method, path)) {
                if (--rule.remaining == 0) {
                    rules.remove(i);
                }
                return Optional.of(rule.fault);
            }
        }
        return Optional.empty();
    }

    public synchronized Duration latencyFor(String method, String path) {
        Duration total = Duration.ZERO;
        for (Latency l : latencies) {
            if ((l.method() == null || l.method().equalsIgnoreCase(method)) && l.path().matcher(path).matches()) {
                total = total.plus(l.delay());
            }
        }
        return total;
    }

    public synchronized boolean notADtr() {
        return notADtr;
    }

    public synchronized boolean unhealthy() {
        return unhealthy;
    }

    /** True (once per injected failure) when this run of the action must error. */
    public synchronized boolean takeJobFailure(String action) {
        Integer left = jobFailures.get(action);
        if (left == null) {
            return false;
        }
        if (left <= 1) {
            jobFailures.remove(action);
        } else {
            jobFailures.put(action, left - 1);
        }
        return true;
    }

    public synchronized Optional<Duration> jobStepDelay() {
        return Optional.ofNullable(jobStepDelay);
    }
}
