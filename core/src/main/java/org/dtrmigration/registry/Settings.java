package org.dtrmigration.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The parts of {@code /api/v0/meta/settings} the migration needs, plus the raw document. */
public record Settings(boolean readOnlyRegistry, String replicaId, ObjectNode json) {

    static Settings fromJson(ObjectNode json) {
        return new Settings(json.path("readOnlyRegistry").asBoolean(false), json.path("replicaID").asText(null), json);
    }
}
