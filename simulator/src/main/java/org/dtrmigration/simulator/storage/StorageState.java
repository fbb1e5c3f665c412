package org.dtrmigration.simulator.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Where the simulated DTR stores images: the mode, what DTR's settings show for it, and the driver
 * map the storage settings API reports (without credentials).
 */
public record StorageState(StorageMode mode, String description, String volume, String nfsUrl, ObjectNode publicDriverConfig) {
    public StorageState {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(description, "description");
        volume = volume == null ? "" : volume;
        nfsUrl = nfsUrl == null ? "" : nfsUrl;
    }
}
