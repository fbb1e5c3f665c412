package org.dtrmigration.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;

/**
 * Reads the registry's own view of a tree: repositories, tags (from the tags' current links) and
 * what manifests reference. Manifest lists and OCI indexes are followed to their child manifests.
 */
public final class RegistryTreeReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;

    public RegistryTreeReader(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Every repository that has at least one link or upload in the tree. */
    public SortedSet<String> repositories() throws IOException {
        SortedSet<String> names = new TreeSet<>();
        try (ObjectListing listing = store.list(RegistryLayout.REPOSITORIES)) {
            while (listing.hasNext()) {
                String repository = repositoryOf(RegistryLayout.classify(listing.next().key()));
                if (repository != null) {
                    names.add(repository);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return names;
    }

    private static String repositoryOf(RegistryKey key) {
        if (key instanceof RegistryKey.LayerLink k) {
            return k.repository();
        } else if (key instanceof RegistryKey.RevisionLink k) {
            return k.repository();
        } else if (key instanceof RegistryKey.TagCurrentLink k) {
            return k.repository();
        } else if (key instanceof RegistryKey.TagIndexLink k) {
            return k.repository();
        } else if (key instanceof RegistryKey.Upload k) {
            return k.repository();
        }
        return null;
    }

    /** The repository's tags and the manifest each currently points at. */
    public SortedMap<String, Digest> tags(String repository) throws IOException {
        SortedMap<String, Digest> tags = new TreeMap<>();
        List<RegistryKey.TagCurrentLink> links = new ArrayList<>();
        try (ObjectListing listing = store.list(RegistryLayout.tagsPrefix(repository))) {
            while (listing.hasNext()) {
                if (RegistryLayout.classify(listing.next().key()) instanceof RegistryKey.TagCurrentLink link) {
                    links.add(link);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (RegistryKey.TagCurrentLink link : links) {
            tags.put(link.tag(), RegistryLayout.parseLink(store.readAllBytes(link.key())));
        }
        return tags;
    }

    /** Every manifest linked into the repository's revisions (tagged or not), in key order. */
    public List<Digest> revisions(String repository) throws IOException {
        List<Digest> revisions = new ArrayList<>();
        try (ObjectListing listing = store.list(RegistryLayout.repository(repository) + "_manifests/revisions/")) {
            while (listing.hasNext()) {
                if (RegistryLayout.classify(listing.next().key()) instanceof RegistryKey.RevisionLink link) {
                    revisions.add(link.digest());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return revisions;
    }

    /** The manifest the tag currently points at, or empty when the tag has no current link. */
    public Optional<Digest> tag(String repository, String tag) throws IOException {
        String key = RegistryLayout.tagCurrentLink(repository, tag);
        if (store.stat(key).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RegistryLayout.parseLink(store.readAllBytes(key)));
    }

    /** A blob's content; {@link org.dtrmigration.storage.NoSuchObjectException} when missing. */
    public byte[] readBlob(Digest digest) throws IOException {
        return store.readAllBytes(RegistryLayout.blobData(digest));
    }

    /** Parses the manifest stored under {@code digest}. */
    public ManifestInfo manifest(Digest digest) throws IOException {
        return parseManifest(digest, readBlob(digest));
    }

    /**
     * Every blob a manifest keeps alive: the manifest itself, its config and layers, and for a
     * manifest list / index each child manifest with its own blobs, recursively.
     */
    public Set<Digest> referencedBlobs(Digest manifest) throws IOException {
        Set<Digest> seen = new LinkedHashSet<>();
        Deque<Digest> pending = new ArrayDeque<>();
        pending.add(manifest);
        while (!pending.isEmpty()) {
            Digest next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            ManifestInfo info = manifest(next);
            if (info.config() != null) {
                seen.add(info.config());
            }
            seen.addAll(info.layers());
            pending.addAll(info.manifests());
        }
        return seen;
    }

    /** Parses manifest JSON by its media type (or its shape, when {@code mediaType} is absent as OCI allows). */
    public static ManifestInfo parseManifest(Digest digest, byte[] content) throws InvalidManifestException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            throw new InvalidManifestException(digest, "not JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidManifestException(digest, "not a JSON object");
        }
        int schemaVersion = root.path("schemaVersion").asInt(-1);
        if (schemaVersion == 1) {
            List<Digest> layers = new ArrayList<>();
            for (JsonNode layer : root.path("fsLayers")) {
                layers.add(digestField(digest, layer, "blobSum"));
            }
            return new ManifestInfo(digest, MediaTypes.DOCKER_MANIFEST_V1_SIGNED, null, layers, List.of());
        }
        if (schemaVersion != 2) {
            throw new InvalidManifestException(digest, "unsupported schemaVersion " + root.path("schemaVersion"));
        }
        String mediaType = root.path("mediaType").asText("");
        boolean index = MediaTypes.isIndex(mediaType) || (mediaType.isEmpty() && root.has("manifests"));
        if (index) {
            List<Digest> children = new ArrayList<>();
            for (JsonNode child : root.path("manifests")) {
                children.add(digestField(digest, child, "digest"));
            }
            return new ManifestInfo(digest, mediaType.isEmpty() ? MediaTypes.OCI_INDEX : mediaType, null, List.of(), children);
        }
        if (!root.has("config")) {
            throw new InvalidManifestException(digest, "image manifest without config");
        }
        Digest config = digestField(digest, root.get("config"), "digest");
        List<Digest> layers = new ArrayList<>();
        for (JsonNode layer : root.path("layers")) {
            layers.add(digestField(digest, layer, "digest"));
        }
        return new ManifestInfo(digest, mediaType.isEmpty() ? MediaTypes.OCI_MANIFEST : mediaType, config, layers, List.of());
    }

    private static Digest digestField(Digest manifest, JsonNode node, String field) throws InvalidManifestException {
        String text = node.path(field).asText(null);
        return Digest.tryParse(text).orElseThrow(
                () -> new InvalidManifestException(manifest, "invalid or missing '" + field + "': " + text));
    }
}
