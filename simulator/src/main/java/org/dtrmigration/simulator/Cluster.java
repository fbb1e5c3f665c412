package org.dtrmigration.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which replicas exist. {@code destroy} removes one; with none left DTR is not installed and its
 * API answers 503 until a {@code restore} installs a replica again.
 */
final class Cluster {
    private final List<String> configured;
    private final Set<String> alive;

    Cluster(List<String> replicas) {
        this.configured = List.copyOf(replicas);
        this.alive = new LinkedHashSet<>(replicas);
    }

    synchronized List<String> alive() {
        return new ArrayList<>(alive);
    }

    synchronized boolean isAlive(String replica) {
        return alive.contains(replica);
    }

    synchronized boolean installed() {
        return !alive.isEmpty();
    }

    synchronized boolean isConfigured(String replica) {
        return configured.contains(replica);
    }

    synchronized void destroy(String replica) {
        alive.remove(replica);
    }

    synchronized void install(String replica) {
        alive.add(replica);
    }
}
