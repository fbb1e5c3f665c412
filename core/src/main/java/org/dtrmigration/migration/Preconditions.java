package org.dtrmigration.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.dtrmigration.bootstrapper.BootstrapperImage;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.registry.ClusterStatus;
import org.dtrmigration.registry.Cron;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrException;
import org.dtrmigration.registry.DtrVersion;

/**
 * The checks that run before a bootstrapper step changes anything. Each either passes, warns
 * (naming the consequence), or throws {@link RefusedException} saying how to fix it.
 */
public final class Preconditions {

    private final DtrClient client;
    private final EventSink events;

    public Preconditions(DtrClient client, EventSink events) {
        this.client = Objects.requireNonNull(client, "client");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Garbage collection must be off: a GC cron firing (or a GC job running) during the migration
     * deletes blobs the backup or the copy still needs.
     *
     * @param force go on anyway, with a warning
     */
    public void requireGcDisabled(String step, boolean force) throws DtrException, RefusedException {
        List<String> crons = client.crons().stream().filter(Cron::isGarbageCollection)
                .map(c -> c.action() + " (" + c.schedule() + ")").toList();
        List<String> running = client.jobs(null, "true", 100).stream()
                .filter(j -> j.action() != null && Cron.isGcAction(j.action()) && !j.isTerminal())
                .map(j -> j.action() + " job " + j.id()).toList();
        if (crons.isEmpty() && running.isEmpty()) {
            events.info("Garbage collection is off: no GC cron scheduled, no GC job running");
            return;
        }
        String problem = "garbage collection is still on at " + client.endpoint().url() + ": "
                + (crons.isEmpty() ? "" : "GC cron(s) " + crons) + (crons.isEmpty() || running.isEmpty() ? "" : " and ")
                + (running.isEmpty() ? "" : "running " + running)
                + ". GC during the migration deletes blobs the backup and the copy still reference";
        if (force) {
            events.warn(problem + "; going on because force is set");
            return;
        }
        throw new RefusedException(step + " refused: " + problem + ". Disable it first (dtrDisableGc / 'dtr-migrate gc disable'),"
                + " or pass force: true / --force to accept the risk");
    }

    /** Warns unless read-only mode is on; returns whether it is. */
    public boolean warnUnlessReadOnly(String consequence) throws DtrException {
        boolean readOnly = client.settings().readOnlyRegistry();
        if (!readOnly) {
            events.warn("Read-only mode is off at " + client.endpoint().url() + ": " + consequence
                    + ". Turn it on first (dtrReadOnly(enabled: true) / 'dtr-migrate read-only on') to avoid that");
        }
        return readOnly;
    }

    /** Cron actions that change or copy the registry on their own: mirror polling, push mirroring, tag pruning. */
    static final Set<String> WRITING_ACTIONS = Set.of("poll_mirror", "push_mirror_tag", "tag_pruning");

    /**
     * Warns about crons that change the registry by themselves while it migrates (the reference's failure mode 7).
     * Nothing here pauses them: their policies are set per repository, and DTR keeps the crons. Listing them is only
     * a warning, so a failure to list is one too.
     */
    public void warnAboutWritingCrons() {
        List<String> writing;
        try {
            writing = client.crons().stream().filter(c -> WRITING_ACTIONS.contains(c.action()))
                    .map(c -> c.action() + " (" + c.schedule() + ")").toList();
        } catch (DtrException e) {
            events.warn("Could not list DTR's crons to look for mirroring and pruning (" + e.getMessage() + "); check them by hand");
            return;
        }
        if (!writing.isEmpty()) {
            events.warn("DTR runs crons that change the registry on their own: " + writing + ". Pause the repositories'"
                    + " mirroring and pruning policies until the migration is done: read-only mode rejects their pushes"
                    + " (inferred), but whether it stops tag pruning is not documented; a tag pruned or moved after the tag"
                    + " snapshot fails the tag check, and one added is only counted");
        }
    }

    /**
     * The bootstrapper must be the version DTR runs. Returns the image to use: the given one, or
     * the product's image for DTR's version when none is given.
     */
    public BootstrapperImage requireImageMatches(BootstrapperImage image) throws DtrException, RefusedException {
        DtrVersion version = client.version();
        if (image == null) {
            BootstrapperImage derived = BootstrapperImage.forVersion(version);
            events.info("DTR at " + client.endpoint().url() + " runs " + version + "; using bootstrapper " + derived);
            return derived;
        }
        if (image.version().compareTo(version) != 0) {
            throw new RefusedException("image: " + image + " does not match " + version + " running at " + client.endpoint().url()
                    + "; the bootstrapper must be the version DTR runs (e.g. " + BootstrapperImage.forVersion(version) + ")");
        }
        return image;
    }

    /** The replica must be one DTR lists; returns every replica id. */
    public List<String> requireReplica(String replicaId) throws DtrException, RefusedException {
        ClusterStatus status = client.clusterStatus();
        List<String> replicas = status.replicaReadOnly().keySet().stream().sorted().toList();
        if (replicas.isEmpty()) {
            replicas = fieldNames(status.json().path("replica_health"));
        }
        if (!replicas.contains(replicaId)) {
            throw new RefusedException("replicaId: '" + replicaId + "' is not a replica of " + client.endpoint().url()
                    + " (replicas: " + replicas + ")");
        }
        return replicas;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        Collections.sort(names);
        return names;
    }
}
