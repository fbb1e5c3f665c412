package org.dtrmigration.simulator.metadata;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.RegistryTreeReader;

/**
 * Fills a metadata store from the registry tree in storage, as if DTR had recorded every push that
 * made the tree. Storage repositories that are not {@code namespace/name} cannot exist in DTR and
 * are skipped (and reported).
 */
public final class MetadataLoader {
    private static final System.Logger LOG = System.getLogger(MetadataLoader.class.getName());

    private MetadataLoader() {
    }

    /** Adds every repository and tag of the tree; returns the storage repositories that were skipped. */
    public static List<String> load(RegistryTreeReader reader, MetadataStore store, Clock clock, String author) throws IOException {
        List<String> skipped = new ArrayList<>();
        Instant now = clock.instant();
        for (String repository : reader.repositories()) {
            if (!RepositoryRecord.isDtrRepositoryName(repository)) {
                skipped.add(repository);
                continue;
            }
            store.ensureRepository(repository);
            for (Map.Entry<String, Digest> tag : reader.tags(repository).entrySet()) {
                store.putTag(repository, new TagRecord(tag.getKey(), tag.getValue(), author, now, now));
            }
        }
        if (!skipped.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "skipped storage repositories that are not namespace/name: " + skipped);
        }
        return skipped;
    }
}
