package org.dtrmigration.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a restore leaves in the workspace ({@code dtr-restore.json}): which DTR was restored, when,
 * from which backup, onto which storage. Its presence makes {@code onlinegc_blobs} wait for a
 * passing tag check newer than the restore (see {@link PostRestoreGcGuard}).
 */
public record RestoreRecord(String dtrUrl, Instant restoredAt, String backupFile, String backupSha256, String image, String storage) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int FORMAT = 1;
    static final String KIND = "dtr-restore";
    public static final String DEFAULT_FILE = "dtr-restore.json";

    public RestoreRecord {
        Objects.requireNonNull(dtrUrl, "dtrUrl");
        Objects.requireNonNull(restoredAt, "restoredAt");
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", KIND);
        root.put("dtrUrl", dtrUrl);
        root.put("restoredAt", restoredAt.toString());
        root.put("backupFile", backupFile);
        root.put("backupSha256", backupSha256);
        root.put("image", image);
        root.put("storage", storage);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson());
    }

    /** The record in {@code file}, or empty when there is none. */
    public static Optional<RestoreRecord> readIfPresent(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a restore record (invalid JSON)");
        }
        if (root == null || root.path("format").asInt(-1) != FORMAT || !KIND.equals(root.path("kind").asText())) {
            throw new IllegalArgumentException(file + ": not a restore record written by dtrRestore / 'dtr-migrate restore'");
        }
        try {
            return Optional.of(new RestoreRecord(root.path("dtrUrl").asText(), Instant.parse(root.path("restoredAt").asText()),
                    root.path("backupFile").asText(null), root.path("backupSha256").asText(null), root.path("image").asText(null),
                    root.path("storage").asText(null)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": malformed restore record (" + e.getMessage() + ")");
        }
    }
}
