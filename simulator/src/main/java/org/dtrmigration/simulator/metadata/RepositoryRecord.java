package org.dtrmigration.simulator.metadata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.dtrmigration.layout.RegistryLayout;

/**
 * A DTR repository: {@code namespace/name}, exactly two components as DTR requires. The id is
 * derived from the name so it stays stable across simulator restarts and reloads.
 */
public record RepositoryRecord(String id, String namespace, String name, String visibility, Instant createdAt) {

    public RepositoryRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!isDtrRepositoryName(namespace + "/" + name)) {
            throw new IllegalArgumentException("not a DTR repository name (namespace/name): '" + namespace + "/" + name + "'");
        }
    }

    public static RepositoryRecord of(String fullName, Instant createdAt) {
        if (!isDtrRepositoryName(fullName)) {
            throw new IllegalArgumentException("not a DTR repository name (namespace/name): '" + fullName + "'");
        }
        int slash = fullName.indexOf('/');
        String id = UUID.nameUUIDFromBytes(fullName.getBytes(StandardCharsets.UTF_8)).toString();
        return new RepositoryRecord(id, fullName.substring(0, slash), fullName.substring(slash + 1), "private", createdAt);
    }

    /** DTR repositories are {@code namespace/name}: two valid distribution name components. */
    public static boolean isDtrRepositoryName(String fullName) {
        int slash = fullName == null ? -1 : fullName.indexOf('/');
        return slash > 0 && fullName.indexOf('/', slash + 1) < 0 && RegistryLayout.isValidRepositoryName(fullName);
    }

    public String fullName() {
        return namespace + "/" + name;
    }
}
