package org.dtrmigration.simulator.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only flag as each replica sees it. A change is stored at once but reaches replica
 * {@code i} of {@code n} only {@code lag * (i + 1) / n} later, so clients must poll
 * {@code cluster_status} until every replica agrees, as with a real multi-replica DTR.
 */
public final class ReplicaReadOnly {

    private record Transition(boolean from, boolean to, Instant at) {
    }

    private final List<String> replicas;
    private final Duration lag;
    private final Clock clock;
    private final Transition[] transitions;
    private boolean desired;

    public ReplicaReadOnly(List<String> replicas, Duration lag, Clock clock, boolean initial) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("at least one replica is needed");
        }
        this.replicas = List.copyOf(replicas);
        this.lag = lag;
        this.clock = clock;
        this.desired = initial;
        this.transitions = new Transition[replicas.size()];
        for (int i = 0; i < transitions.length; i++) {
            transitions[i] = new Transition(initial, initial, Instant.MIN);
        }
    }

    /** Requests a new state; replicas pick it up over the lag. */
    public synchronized void set(boolean readOnly) {
        Instant now = clock.instant();
        for (int i = 0; i < transitions.length; i++) {
            transitions[i] = new Transition(effective(i, now), readOnly, now);
        }
        desired = readOnly;
    }

    /** The requested state, as the settings endpoint reports it. */
    public synchronized boolean desired() {
        return desired;
    }

    /** Each replica's current state, in replica order. */
    public synchronized Map<String, Boolean> effective() {
        Instant now = clock.instant();
        Map<String, Boolean> map = new LinkedHashMap<>();
        for (int i = 0; i < replicas.size(); i++) {
            map.put(replicas.get(i), effective(i, now));
        }
        return map;
    }

    /** Whether the given replica currently refuses writes. */
    public synchronized boolean effective(String replica) {
        int i = replicas.indexOf(replica);
        if (i < 0) {
            throw new IllegalArgumentException("unknown replica: " + replica);
        }
        return effective(i, clock.instant());
    }

    private boolean effective(int i, Instant now) {
        Transition t = transitions[i];
        if (t.at().equals(Instant.MIN)) {
            return t.to();
        }
        Duration delay = lag.multipliedBy(i + 1).dividedBy(replicas.size());
        return now.isBefore(t.at().plus(delay)) ? t.from() : t.to();
    }
}
