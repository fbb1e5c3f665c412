package org.dtrmigration.copy;

import java.io.IOException;
import java.util.List;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.storage.ObjectStore;

/**
 * Checks both sides before anything is written: the source root exists and holds a registry, and the
 * destination can be listed (so a missing bucket or rejected credentials stop the run with one clear
 * error instead of a failure per object).
 */
final class Preflight {

    private Preflight() {
    }

    static void check(ObjectStore source, ObjectStore destination, Retries retries) throws IOException {
        List<String> top = retries.get(() -> source.listChildren(RegistryLayout.ROOT));
        if (top.isEmpty()) {
            throw new StorageRootException("from: " + source.describe() + " holds no " + RegistryLayout.ROOT
                    + ": it is not a registry root (the folder or key prefix that contains docker/; in DTR's storage settings "
                    + "'rootdirectory'); refusing to copy");
        }
        retries.get(() -> destination.listChildren(RegistryLayout.ROOT));
    }
}
