package org.dtrmigration.simulator.metadata;

import java.util.List;
import java.util.Optional;

/**
 * The simulator's stand-in for DTR's RethinkDB: repositories and tags. In DTR 2.6+ this, not the
 * storage tree, is authoritative for tags: the tags API and online GC read it. It is a separate,
 * replaceable object so that bootstrapper behaviours (restore from a backup, a reconfigure that
 * wipes tags) can be modelled by swapping or rewriting its content.
 */
public interface MetadataStore {

    /** All repositories ordered by full name. */
    List<RepositoryRecord> repositories();

    Optional<RepositoryRecord> repository(String fullName);

    /** Creates the repository unless it exists; returns the stored record. */
    RepositoryRecord ensureRepository(String fullName);

    /** The repository's tags ordered by name; empty when the repository does not exist. */
    List<TagRecord> tags(String fullName);

    Optional<TagRecord> tag(String fullName, String tag);

    /** Creates or moves a tag (creating the repository if needed). */
    void putTag(String fullName, TagRecord tag);

    /** Removes a tag; false when there was none. */
    boolean deleteTag(String fullName, String tag);

    /** Removes every tag of every repository, keeping the repositories (what a wiping reconfigure leaves). */
    void wipeTags();

    MetadataSnapshot snapshot();

    /** Replaces the whole content with the snapshot's. */
    void restore(MetadataSnapshot snapshot);
}
