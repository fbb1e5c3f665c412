package org.dtrmigration.simulator.jobs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The job actions the simulator knows, by name. Unknown actions are refused at submission. */
public final class JobActions {
    /**
     * Actions named in the DTR/MSR docs that this simulator accepts but does nothing for except log
     * (mirroring, pruning, scanning, migrations): clients must leave their crons alone, and a run of
     * one should look like a real job.
     */
    public static final Set<String> BACKGROUND = Set.of(
            "onlinegc_joblogs", "poll_mirror", "push_mirror_tag", "tag_pruning", "metadatastoremigration",
            "tagmigration", "ro_registry", "update_vuln_db", "scan_check", "scan_check_single", "scan_check_all",
            "license_update", "webhook");

    private final Map<String, JobAction> actions;

    public JobActions(Map<String, JobAction> actions) {
        this.actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
    }

    public Optional<JobAction> find(String action) {
        return Optional.ofNullable(actions.get(action));
    }

    public Set<String> names() {
        return actions.keySet();
    }

    /** An action that only logs a start and an end line, one step apart. */
    public static JobAction logOnly(String description) {
        return ctx -> {
            ctx.info("starting " + description);
            ctx.step();
            ctx.info("finished " + description);
        };
    }
}
