package org.dtrmigration.migration;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.InvalidManifestException;
import org.dtrmigration.layout.ManifestInfo;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeReader;
import org.dtrmigration.storage.NoSuchObjectException;
import org.dtrmigration.storage.ObjectStore;

/**
 * Proves that tags survived a storage switch: every tag of a {@link TagSnapshot} still exists with
 * the same digest, and the new storage holds what a pull of it needs: the manifest (and, for a
 * manifest list or index, every child manifest), the config and layer blobs, and the repository's
 * revision and layer links through which the registry serves them. Blob presence is checked once
 * per digest, however many tags share it.
 */
public final class TagCheck {

    private final ObjectStore storage;
    private final String storageDescription;
    private final EventSink events;
    private final Clock clock;
    private final RegistryTreeReader reader;

    public TagCheck(ObjectStore storage, String storageDescription, EventSink events, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.storageDescription = Objects.requireNonNull(storageDescription, "storageDescription");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reader = new RegistryTreeReader(storage);
    }

    /** The pieces of one manifest tree, or why it could not be read. */
    private record Closure(List<Digest> manifests, Set<Digest> blobs, String unreadable, Digest missingManifest) {
    }

    /**
     * Compares the tags now ({@code current}, read through the API after the switch) with the
     * snapshot, and checks the new storage for each snapshot tag.
     */
    public TagCheckReport check(TagSnapshot expected, TagSnapshot current) throws IOException {
        return run(expected, current);
    }

    /**
     * Checks only the storage: whether it holds everything the snapshot's tags need. Run before
     * a restore destroys the old DTR, when the API cannot yet show the restored tags.
     */
    public TagCheckReport checkStorage(TagSnapshot expected) throws IOException {
        return run(expected, null);
    }

    private TagCheckReport run(TagSnapshot expected, TagSnapshot current) throws IOException {
        List<String> missingTags = new ArrayList<>();
        List<String> changedTags = new ArrayList<>();
        List<String> missingBlobs = new ArrayList<>();
        List<String> missingLinks = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Map<Digest, Closure> closures = new HashMap<>();
        Map<Digest, Boolean> present = new HashMap<>();
        Map<String, Boolean> linkPresent = new HashMap<>();
        int done = 0;
        int total = expected.tagCount();
        for (Map.Entry<String, SortedMap<String, Digest>> repo : expected.repositories().entrySet()) {
            String repository = repo.getKey();
            for (Map.Entry<String, Digest> tag : repo.getValue().entrySet()) {
                String ref = repository + ":" + tag.getKey();
                Digest digest = tag.getValue();
                if (current != null) {
                    var now = current.digest(repository, tag.getKey());
                    if (now.isEmpty()) {
                        missingTags.add(ref + " (was " + digest + ")");
                    } else if (!now.get().equals(digest)) {
                        changedTags.add(ref + " was " + digest + ", is " + now.get());
                    }
                }
                Closure closure = closures.get(digest);
                if (closure == null) {
                    closure = closure(digest);
                    closures.put(digest, closure);
                }
                if (closure.missingManifest() != null) {
                    missingBlobs.add(ref + " manifest " + closure.missingManifest());
                } else if (closure.unreadable() != null) {
                    unreadable.add(ref + ": " + closure.unreadable());
                }
                for (Digest blob : closure.blobs()) {
                    if (!cached(present, blob, RegistryLayout.blobData(blob))) {
                        missingBlobs.add(ref + " blob " + blob);
                    }
                }
                for (Digest manifest : closure.manifests()) {
                    String key = RegistryLayout.revisionLink(repository, manifest);
                    if (!cached(linkPresent, key, key)) {
                        missingLinks.add(ref + " " + key);
                    }
                }
                for (Digest blob : closure.blobs()) {
                    String key = RegistryLayout.layerLink(repository, blob);
                    if (!cached(linkPresent, key, key)) {
                        missingLinks.add(ref + " " + key);
                    }
                }
                if (++done % 500 == 0) {
                    events.progress("Tag check: " + done + "/" + total + " tags, " + present.size() + " blobs looked at");
                }
            }
        }
        int extra = 0;
        if (current != null) {
            for (Map.Entry<String, SortedMap<String, Digest>> repo : current.repositories().entrySet()) {
                for (String tag : repo.getValue().keySet()) {
                    if (expected.digest(repo.getKey(), tag).isEmpty()) {
                        extra++;
                    }
                }
            }
        }
        Set<Digest> manifestsRead = new java.util.HashSet<>();
        closures.values().forEach(c -> manifestsRead.addAll(c.manifests()));
        int blobsPresent = manifestsRead.size() + (int) present.entrySet().stream()
                .filter(e -> e.getValue() && !manifestsRead.contains(e.getKey())).count();
        TagCheckReport report = new TagCheckReport(expected.dtrUrl(), clock.instant(), storageDescription, expected.takenAt(),
                total, current != null, blobsPresent, extra, missingTags, changedTags, missingBlobs, missingLinks, unreadable);
        events.info("Tag check " + report.summary());
        return report;
    }

    /** Whether {@code key} exists, asking the store once per {@code id}. */
    private <K> boolean cached(Map<K, Boolean> cache, K id, String key) throws IOException {
        Boolean known = cache.get(id);
        if (known == null) {
            known = storage.stat(key).isPresent();
            cache.put(id, known);
        }
        return known;
    }

    /** Walks a manifest and its children; config and layers are collected, not read. */
    private Closure closure(Digest root) throws IOException {
        List<Digest> manifests = new ArrayList<>();
        Set<Digest> blobs = new LinkedHashSet<>();
        Deque<Digest> pending = new ArrayDeque<>(List.of(root));
        try {
            while (!pending.isEmpty()) {
                Digest next = pending.poll();
                if (manifests.contains(next)) {
                    continue;
                }
                ManifestInfo info;
                try {
                    info = reader.manifest(next);
                } catch (NoSuchObjectException e) {
                    return new Closure(manifests, blobs, null, next);
                }
                manifests.add(next);
                if (info.config() != null) {
                    blobs.add(info.config());
                }
                blobs.addAll(info.layers());
                pending.addAll(info.manifests());
            }
        } catch (InvalidManifestException e) {
            return new Closure(manifests, blobs, e.getMessage(), null);
        }
        return new Closure(manifests, blobs, null, null);
    }
}
