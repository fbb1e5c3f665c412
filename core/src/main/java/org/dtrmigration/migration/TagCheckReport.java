package org.dtrmigration.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a tag survival check, also written as a JSON report: every tag of the snapshot
 * present with the same digest ({@code missingTags}, {@code changedTags}), and its manifest, config,
 * layers and repository links present in the new storage ({@code missingBlobs}, {@code missingLinks},
 * {@code unreadableManifests}). {@code dtrOnlineGc(action: 'onlinegc_blobs')} after a restore reads
 * this report and runs only when it {@link #passed()}.
 *
 * @param apiChecked whether the tags were compared through the API (false: storage only, before a restore)
 */
public record TagCheckReport(String dtrUrl, Instant checkedAt, String storage, Instant snapshotTakenAt, int snapshotTags,
                             boolean apiChecked, int blobsChecked, int extraTags, List<String> missingTags,
                             List<String> changedTags, List<String> missingBlobs, List<String> missingLinks,
                             List<String> unreadableManifests) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int FORMAT = 1;
    static final String KIND = "dtr-tag-check";
    /** How many of each kind of problem a message lists; the report file lists them all. */
    static final int LISTED = 20;

    public TagCheckReport {
        Objects.requireNonNull(dtrUrl, "dtrUrl");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(storage, "storage");
        missingTags = List.copyOf(missingTags);
        changedTags = List.copyOf(changedTags);
        missingBlobs = List.copyOf(missingBlobs);
        missingLinks = List.copyOf(missingLinks);
        unreadableManifests = List.copyOf(unreadableManifests);
    }

    public boolean passed() {
        return missingTags.isEmpty() && changedTags.isEmpty() && missingBlobs.isEmpty() && missingLinks.isEmpty()
                && unreadableManifests.isEmpty();
    }

    /** One line for the log. */
    public String summary() {
        return (passed() ? "PASSED" : "FAILED") + ": " + snapshotTags + " tag(s) of the snapshot checked"
                + (apiChecked ? " through the API of " + dtrUrl : "") + " against " + storage + ", " + blobsChecked
                + " blob(s) present" + (passed() ? "" : "; missing tags " + missingTags.size() + ", changed tags "
                + changedTags.size() + ", missing blobs " + missingBlobs.size() + ", missing links " + missingLinks.size()
                + ", unreadable manifests " + unreadableManifests.size())
                + (extraTags > 0 ? "; " + extraTags + " tag(s) not in the snapshot (pushed after it)" : "");
    }

    /** The problems, listed (at most {@value #LISTED} of each kind), for an error message. */
    public String problems() {
        StringBuilder b = new StringBuilder();
        list(b, "missing tags", missingTags);
        list(b, "tags pointing elsewhere", changedTags);
        list(b, "missing blobs", missingBlobs);
        list(b, "missing repository links", missingLinks);
        list(b, "unreadable manifests", unreadableManifests);
        return b.toString();
    }

    private static void list(StringBuilder b, String what, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("\n  ").append(what).append(" (").append(items.size()).append("):");
        items.stream().limit(LISTED).forEach(i -> b.append("\n    ").append(i));
        if (items.size() > LISTED) {
            b.append("\n    … and ").append(items.size() - LISTED).append(" more (see the report file)");
        }
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", KIND);
        root.put("passed", passed());
        root.put("dtrUrl", dtrUrl);
        root.put("checkedAt", checkedAt.toString());
        root.put("storage", storage);
        root.put("snapshotTakenAt", snapshotTakenAt == null ? null : snapshotTakenAt.toString());
        root.put("snapshotTags", snapshotTags);
        root.put("apiChecked", apiChecked);
        root.put("blobsChecked", blobsChecked);
        root.put("extraTags", extraTags);
        array(root, "missingTags", missingTags);
        array(root, "changedTags", changedTags);
        array(root, "missingBlobs", missingBlobs);
        array(root, "missingLinks", missingLinks);
        array(root, "unreadableManifests", unreadableManifests);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void array(ObjectNode root, String name, List<String> items) {
        ArrayNode a = root.putArray(name);
        items.forEach(a::add);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson());
    }

    public static TagCheckReport read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such tag check report (written by dtrCheckTags / 'tags check')");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a tag check report (invalid JSON)");
        }
        if (root == null || root.path("format").asInt(-1) != FORMAT || !KIND.equals(root.path("kind").asText())) {
            throw new IllegalArgumentException(file + ": not a tag check report written by dtrCheckTags / 'tags check'");
        }
        try {
            String snapshotTakenAt = root.path("snapshotTakenAt").asText(null);
            return new TagCheckReport(root.path("dtrUrl").asText(""), Instant.parse(root.path("checkedAt").asText()),
                    root.path("storage").asText(""), snapshotTakenAt == null ? null : Instant.parse(snapshotTakenAt),
                    root.path("snapshotTags").asInt(), root.path("apiChecked").asBoolean(false), root.path("blobsChecked").asInt(),
                    root.path("extraTags").asInt(), strings(root, "missingTags"), strings(root, "changedTags"),
                    strings(root, "missingBlobs"), strings(root, "missingLinks"), strings(root, "unreadableManifests"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": malformed tag check report (" + e.getMessage() + ")");
        }
    }

    private static List<String> strings(JsonNode root, String field) {
        List<String> out = new ArrayList<>();
        root.path(field).forEach(n -> out.add(n.asText()));
        return out;
    }
}
