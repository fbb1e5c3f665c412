package org.dtrmigration.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dtrmigration.registry.Cron;

/**
 * The garbage-collection crons saved before GC was disabled, in full, so that exactly these can be
 * re-created afterwards. Stored as a small JSON document (the "save file").
 */
public record GcSchedule(String dtrUrl, Instant savedAt, List<Cron> crons, List<String> canceledJobs) {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int FORMAT = 1;

    public GcSchedule {
        Objects.requireNonNull(dtrUrl, "dtrUrl");
        Objects.requireNonNull(savedAt, "savedAt");
        crons = List.copyOf(crons);
        canceledJobs = List.copyOf(canceledJobs);
    }

    public List<String> actions() {
        return crons.stream().map(Cron::action).toList();
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("dtrUrl", dtrUrl);
        root.put("savedAt", savedAt.toString());
        ArrayNode list = root.putArray("crons");
        crons.forEach(c -> list.add(c.json()));
        ArrayNode jobs = root.putArray("canceledJobs");
        canceledJobs.forEach(jobs::add);
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a save file; {@code source} names it in errors. */
    public static GcSchedule parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a GC schedule file (invalid JSON)");
        }
        if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT || !root.path("crons").isArray()) {
            throw new IllegalArgumentException(source + ": not a GC schedule file written by dtrDisableGc / 'gc disable'");
        }
        List<Cron> crons = new ArrayList<>();
        for (JsonNode c : root.get("crons")) {
            if (!c.isObject() || !c.hasNonNull("action")) {
                throw new IllegalArgumentException(source + ": a saved cron has no action");
            }
            Cron cron = Cron.fromJson((ObjectNode) c);
            if (!cron.isGarbageCollection()) {
                throw new IllegalArgumentException(source + ": saved cron '" + cron.action() + "' is not a GC cron");
            }
            crons.add(cron);
        }
        List<String> jobs = new ArrayList<>();
        root.path("canceledJobs").forEach(j -> jobs.add(j.asText()));
        Instant savedAt;
        try {
            savedAt = Instant.parse(root.path("savedAt").asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": savedAt is not a timestamp");
        }
        return new GcSchedule(root.path("dtrUrl").asText(""), savedAt, crons, jobs);
    }
}
