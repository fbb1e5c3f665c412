package org.dtrmigration.simulator.metadata;

import java.time.Instant;
import java.util.Objects;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.RegistryLayout;

/** A tag as DTR's metadata store keeps it: the manifest it points at, who pushed it and when. */
public record TagRecord(String name, Digest digest, String author, Instant createdAt, Instant updatedAt) {
    public TagRecord {
        if (!RegistryLayout.isValidTagName(name)) {
            throw new IllegalArgumentException("invalid tag name: '" + name + "'");
        }
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
