package org.dtrmigration.simulator.metadata;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** A thread-safe, in-memory {@link MetadataStore}. */
public final class InMemoryMetadataStore implements MetadataStore {
    private final Clock clock;
    private final SortedMap<String, RepositoryRecord> repositories = new TreeMap<>();
    private final Map<String, SortedMap<String, TagRecord>> tags = new TreeMap<>();

    public InMemoryMetadataStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized List<RepositoryRecord> repositories() {
        return List.copyOf(repositories.values());
    }

    @Override
    public synchronized Optional<RepositoryRecord> repository(String fullName) {
        return Optional.ofNullable(repositories.get(fullName));
    }

    @Override
    public synchronized RepositoryRecord ensureRepository(String fullName) {
        return repositories.computeIfAbsent(fullName, n -> RepositoryRecord.of(n, clock.instant()));
    }

    @Override
    public synchronized List<TagRecord> tags(String fullName) {
        SortedMap<String, TagRecord> map = tags.get(fullName);
        return map == null ? List.of() : List.copyOf(map.values());
    }

    @Override
    public synchronized Optional<TagRecord> tag(String fullName, String tag) {
        SortedMap<String, TagRecord> map = tags.get(fullName);
        return map == null ? Optional.empty() : Optional.ofNullable(map.get(tag));
    }

    @Override
    public synchronized void putTag(String fullName, TagRecord tag) {
        ensureRepository(fullName);
        tags.computeIfAbsent(fullName, n -> new TreeMap<>()).put(tag.name(), tag);
    }

    @Override
    public synchronized boolean deleteTag(String fullName, String tag) {
        SortedMap<String, TagRecord> map = tags.get(fullName);
        return map != null && map.remove(tag) != null;
    }

    @Override
    public synchronized void wipeTags() {
        tags.clear();
    }

    @Override
    public synchronized MetadataSnapshot snapshot() {
        Map<String, List<TagRecord>> copy = new TreeMap<>();
        tags.forEach((repo, map) -> copy.put(repo, new ArrayList<>(map.values())));
        return new MetadataSnapshot(new ArrayList<>(repositories.values()), copy);
    }

    @Override
    public synchronized void restore(MetadataSnapshot snapshot) {
        repositories.clear();
        tags.clear();
        snapshot.repositories().forEach(r -> repositories.put(r.fullName(), r));
        snapshot.tags().forEach((repo, list) -> {
            SortedMap<String, TagRecord> map = new TreeMap<>();
            list.forEach(t -> map.put(t.name(), t));
            tags.put(repo, map);
        });
    }
}
