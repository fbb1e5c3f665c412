package org.dtrmigration.simulator.storage;

/** How the simulated DTR stores images, which decides what {@code destroy} takes with it. */
public enum StorageMode {
    /** The default {@code dtr-registry-<replica>} volume: destroyed with its replica. */
    LOCAL_VOLUME,
    /** {@code --dtr-storage-volume} (a named volume or host path): survives a destroy. */
    VOLUME,
    /** {@code --nfs-storage-url}. */
    NFS,
    /** S3 or Azure, set through the storage settings API. */
    CLOUD
}
