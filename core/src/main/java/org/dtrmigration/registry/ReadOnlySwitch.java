package org.dtrmigration.registry;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns DTR's read-only mode on or off and waits until the settings and every replica agree:
 * DTR answers the settings POST with 202 and may switch replicas through a job, so the POST alone
 * proves nothing.
 */
public final class ReadOnlySwitch {

    /** What happened: the state reached, whether this call changed it, each replica's value, and how long it took. */
    public record Result(boolean enabled, boolean changed, Map<String, Boolean> replicas, Duration waited)
            implements Serializable {
    }

    private final DtrClient client;

    public ReadOnlySwitch(DtrClient client) {
        this.client = client;
    }

    public Result set(boolean enabled, Duration timeout) throws DtrException, InterruptedException {
        String state = enabled ? "on" : "off";
        Instant start = client.clock().instant();
        Settings settings = client.settings();
        ClusterStatus status = client.clusterStatus();
        if (settings.readOnlyRegistry() == enabled && status.allReplicasReadOnly(enabled)) {
            client.events().info("Read-only mode is already " + state + " on " + client.endpoint().url() + " ("
                    + status.replicaReadOnly().size() + " replica(s) agree)");
            return new Result(enabled, false, status.replicaReadOnly(), Duration.ZERO);
        }
        client.events().info("Turning read-only mode " + state + " on " + client.endpoint().url());
        client.updateSettings(client.newObject().put("readOnlyRegistry", enabled));
        Instant deadline = start.plus(timeout);
        Instant nextReport = start.plusSeconds(10);
        while (true) {
            settings = client.settings();
            status = client.clusterStatus();
            if (settings.readOnlyRegistry() == enabled && status.allReplicasReadOnly(enabled)) {
                Duration waited = Duration.between(start, client.clock().instant());
                client.events().info("Read-only mode is " + state + ": settings and all " + status.replicaReadOnly().size()
                        + " replica(s) agree (" + waited.toSeconds() + " s)");
                return new Result(enabled, true, status.replicaReadOnly(), waited);
            }
            List<String> lagging = status.replicaReadOnly().entrySet().stream()
                    .filter(e -> e.getValue() != enabled).map(Map.Entry::getKey).toList();
            Instant now = client.clock().instant();
            if (!now.isBefore(deadline)) {
                throw new DtrException.Timeout("read-only mode did not turn " + state + " within " + timeout.toSeconds()
                        + " s at " + client.endpoint().url() + ": settings say " + settings.readOnlyRegistry()
                        + (status.replicaReadOnly().isEmpty() ? ", cluster_status lists no replicas"
                        : ", replicas not yet agreeing: " + lagging));
            }
            if (!now.isBefore(nextReport)) {
                client.events().progress("Waiting for read-only " + state + ": "
                        + (status.replicaReadOnly().size() - lagging.size()) + "/" + status.replicaReadOnly().size()
                        + " replica(s) agree, waiting for " + lagging);
                nextReport = now.plusSeconds(10);
            }
            client.sleeper().sleep(client.options().pollInterval());
        }
    }
}
