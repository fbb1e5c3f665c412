package org.dtrmigration.migration;

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
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrException;
import org.dtrmigration.registry.Repository;
import org.dtrmigration.registry.Tag;

/**
 * Every repository's tags and the manifest digest each points at, as DTR's API (the metadata store)
 * answers them. Taken before a storage switch so that afterwards every tag can be proven to survive.
 */
public record TagSnapshot(String dtrUrl, String dtrVersion, Instant takenAt, SortedMap<String, SortedMap<String, Digest>> repositories) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int FORMAT = 1;
    static final String KIND = "dtr-tag-snapshot";

    public TagSnapshot {
        Objects.requireNonNull(dtrUrl, "dtrUrl");
        Objects.requireNonNull(takenAt, "takenAt");
        SortedMap<String, SortedMap<String, Digest>> copy = new TreeMap<>();
        repositories.forEach((repo, tags) -> copy.put(repo, Collections.unmodifiableSortedMap(new TreeMap<>(tags))));
        repositories = Collections.unmodifiableSortedMap(copy);
    }

    /** Reads every repository and tag through the API. */
    public static TagSnapshot take(DtrClient client, EventSink events) throws DtrException {
        String version = client.version().raw();
        SortedMap<String, SortedMap<String, Digest>> all = new TreeMap<>();
        int tags = 0;
        List<Repository> repositories = client.repositories();
        for (Repository repository : repositories) {
            SortedMap<String, Digest> map = new TreeMap<>();
            for (Tag tag : client.tags(repository)) {
                Optional<Digest> digest = Digest.tryParse(tag.digest());
                if (digest.isEmpty()) {
                    throw new DtrException("tag " + repository.fullName() + ":" + tag.name() + " has no valid digest in the API ('"
                            + tag.digest() + "'); cannot prove it survives");
                }
                map.put(tag.name(), digest.get());
                tags++;
            }
            all.put(repository.fullName(), map);
            if (all.size() % 100 == 0) {
                events.progress("Tag snapshot: " + all.size() + "/" + repositories.size() + " repositories, " + tags + " tags");
            }
        }
        TagSnapshot snapshot = new TagSnapshot(client.endpoint().url().toString(), version, Instant.now(), all);
        events.info("Tag snapshot of " + snapshot.dtrUrl() + ": " + snapshot.repositories().size() + " repositories, "
                + snapshot.tagCount() + " tags");
        return snapshot;
    }

    public int tagCount() {
        return repositories.values().stream().mapToInt(Map::size).sum();
    }

    /** The digest a tag pointed at, if the snapshot has it. */
    public Optional<Digest> digest(String repository, String tag) {
        SortedMap<String, Digest> tags = repositories.get(repository);
        return tags == null ? Optional.empty() : Optional.ofNullable(tags.get(tag));
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", KIND);
        root.put("dtrUrl", dtrUrl);
        root.put("dtrVersion", dtrVersion);
        root.put("takenAt", takenAt.toString());
        root.put("tagCount", tagCount());
        ObjectNode repos = root.putObject("repositories");
        repositories.forEach((repo, tags) -> {
            ObjectNode t = repos.putObject(repo);
            tags.forEach((name, digest) -> t.put(name, digest.toString()));
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson());
    }

    public static TagSnapshot read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such tag snapshot (written by dtrSnapshotTags / dtrBackup /"
                    + " 'dtr-migrate tags snapshot')");
        }
    }

    static TagSnapshot parse(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a tag snapshot (invalid JSON)");
        }
        if (root == null || root.path("format").asInt(-1) != FORMAT || !KIND.equals(root.path("kind").asText())
                || !root.path("repositories").isObject()) {
            throw new IllegalArgumentException(source + ": not a tag snapshot written by dtrSnapshotTags / 'tags snapshot'");
        }
        SortedMap<String, SortedMap<String, Digest>> repos = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("repositories").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> repo = it.next();
            SortedMap<String, Digest> tags = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> t = repo.getValue().fields(); t.hasNext(); ) {
                Map.Entry<String, JsonNode> tag = t.next();
                tags.put(tag.getKey(), Digest.tryParse(tag.getValue().asText()).orElseThrow(() -> new IllegalArgumentException(
                        source + ": tag " + repo.getKey() + ":" + tag.getKey() + " has no valid digest")));
            }
            repos.put(repo.getKey(), tags);
        }
        try {
            return new TagSnapshot(root.path("dtrUrl").asText(""), root.path("dtrVersion").asText(""),
                    Instant.parse(root.path("takenAt").asText()), repos);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": takenAt is not a timestamp");
        }
    }
}
