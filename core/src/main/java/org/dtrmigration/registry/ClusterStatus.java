package org.dtrmigration.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** The parts of {@code /api/v0/meta/cluster_status} the migration needs. */
public record ClusterStatus(Map<String, Boolean> replicaReadOnly, String gcLockHolder, ObjectNode json) {

    static ClusterStatus fromJson(ObjectNode json) {
        Map<String, Boolean> readOnly = new TreeMap<>();
        JsonNode ro = json.path("replica_readonly");
        ro.fieldNames().forEachRemaining(replica -> readOnly.put(replica, ro.get(replica).asBoolean(false)));
        JsonNode lock = json.path("gc_lock_holder");
        return new ClusterStatus(Map.copyOf(readOnly), lock.isMissingNode() || lock.isNull() ? null : lock.asText(), json);
    }

    /** True when every replica reports the wanted read-only value (and there is at least one). */
    public boolean allReplicasReadOnly(boolean wanted) {
        return !replicaReadOnly.isEmpty() && replicaReadOnly.values().stream().allMatch(v -> v == wanted);
    }
}
