package org.dtrmigration.migration;

import java.io.Serializable;
import java.util.Objects;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;

/** A storage location this machine can read, with its credentials (a plain value that may travel to an agent). */
public record StorageAccess(StorageLocation location, StorageCredentials credentials) implements Serializable {
    private static final long serialVersionUID = 1L;

    public StorageAccess {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(credentials, "credentials");
    }

    public ObjectStore open(StoreFactory factory) {
        return factory.open(location, credentials);
    }

    @Override
    public String toString() {
        return location.toUri();
    }
}
