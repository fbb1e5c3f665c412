package org.dtrmigration.simulator.metadata;

import java.util.List;
import java.util.Map;

/** A copy of the whole metadata store, as a DTR backup holds it; restoring it replaces everything. */
public record MetadataSnapshot(List<RepositoryRecord> repositories, Map<String, List<TagRecord>> tags) {
    public MetadataSnapshot {
        repositories = List.copyOf(repositories);
        tags = Map.copyOf(tags);
    }
}
