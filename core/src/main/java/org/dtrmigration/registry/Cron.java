package org.dtrmigration.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A periodic task. The full JSON is kept so that a saved cron can be re-created exactly, including
 * fields this client does not know.
 */
public record Cron(String action, String schedule, ObjectNode json) {

    public Cron {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(json, "json");
    }

    public static Cron fromJson(ObjectNode json) {
        if (!json.hasNonNull("action")) {
            throw new IllegalArgumentException("cron without an action: " + json);
        }
        return new Cron(json.get("action").asText(), json.path("schedule").asText(null), json.deepCopy());
    }

    /** The body that re-creates this cron: everything but the server-assigned id and nextRun. */
    public ObjectNode createBody() {
        ObjectNode body = json.deepCopy();
        body.remove("id");
        body.remove("nextRun");
        return body;
    }

    /** Garbage-collection crons: {@code gc} before DTR 2.6, {@code onlinegc*} since. */
    public boolean isGarbageCollection() {
        return isGcAction(action);
    }

    public static boolean isGcAction(String action) {
        return action.equals("gc") || action.startsWith("onlinegc");
    }
}
