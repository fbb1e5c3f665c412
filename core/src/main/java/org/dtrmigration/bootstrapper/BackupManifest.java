package org.dtrmigration.bootstrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * The JSON sidecar written next to a checked backup ({@code backup.tar} → {@code backup.tar.json}):
 * what the archive is (size, SHA-256, entries) and where it came from (DTR URL and version, replica,
 * bootstrapper image, time, whether it was offline and whether DTR was read-only). A restore trusts
 * an archive only when it still matches its sidecar.
 */
public record BackupManifest(String file, long size, String sha256, String dtrUrl, String dtrVersion, String image,
                             String replicaId, Instant createdAt, boolean offline, boolean readOnly, int entries) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int FORMAT = 1;

    public BackupManifest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(dtrVersion, "dtrVersion");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Where the sidecar of a backup file lives. */
    public static Path sidecarOf(Path backup) {
        return backup.resolveSibling(backup.getFileName() + ".json");
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", "dtr-backup");
        root.put("file", file);
        root.put("size", size);
        root.put("sha256", sha256);
        root.put("dtrUrl", dtrUrl);
        root.put("dtrVersion", dtrVersion);
        root.put("image", image);
        root.put("replicaId", replicaId);
        root.put("createdAt", createdAt.toString());
        root.put("offline", offline);
        root.put("readOnly", readOnly);
        root.put("entries", entries);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the sidecar of {@code backup}; a missing or malformed one is an {@link InvalidBackupException}. */
    public static BackupManifest readFor(Path backup) throws IOException {
        Path sidecar = sidecarOf(backup);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(sidecar);
        } catch (NoSuchFileException e) {
            throw new InvalidBackupException(backup + " has no sidecar " + sidecar.getFileName() + ": only backups written and"
                    + " checked by dtrBackup / 'dtr-migrate backup' are restored");
        }
        return parse(bytes, sidecar.toString());
    }

    static BackupManifest parse(byte[] bytes, String source) throws InvalidBackupException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidBackupException(source + ": not a backup sidecar (invalid JSON)");
        }
        if (root == null || root.path("format").asInt(-1) != FORMAT || !"dtr-backup".equals(root.path("kind").asText())) {
            throw new InvalidBackupException(source + ": not a backup sidecar written by dtrBackup / 'dtr-migrate backup'");
        }
        for (String field : new String[] {"file", "size", "sha256", "dtrVersion", "image", "createdAt"}) {
            if (!root.hasNonNull(field)) {
                throw new InvalidBackupException(source + ": backup sidecar has no '" + field + "'");
            }
        }
        try {
            return new BackupManifest(root.get("file").asText(), root.get("size").asLong(), root.get("sha256").asText(),
                    root.path("dtrUrl").asText(null), root.get("dtrVersion").asText(), root.get("image").asText(),
                    root.path("replicaId").asText(null), Instant.parse(root.get("createdAt").asText()),
                    root.path("offline").asBoolean(false), root.path("readOnly").asBoolean(false), root.path("entries").asInt(0));
        } catch (RuntimeException e) {
            throw new InvalidBackupException(source + ": malformed backup sidecar (" + e.getMessage() + ")");
        }
    }
}
