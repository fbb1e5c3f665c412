package org.dtrmigration.bootstrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One bootstrapper command and its own flags. {@link #arguments(VersionLine)} refuses, before
 * anything runs, flags the version lacks and combinations that would lose tags.
 */
public sealed interface BootstrapperCommand {

    /** The bootstrapper's command word. */
    String name();

    /** The command's flags for this version line (the common UCP flags are added by the renderer). */
    List<String> arguments(VersionLine line);

    /** Whether the command reads a backup on stdin. */
    default boolean readsStdin() {
        return false;
    }

    /** Whether the command writes a backup on stdout. */
    default boolean writesStdout() {
        return false;
    }

    Pattern REPLICA_ID = Pattern.compile("[0-9a-f]{12}");

    static String checkReplicaId(String parameter, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(parameter + ": required, a replica id (12 hex digits, see System > Replicas"
                    + " or the dtr-rethink container name)");
        }
        if (!REPLICA_ID.matcher(id.strip()).matches()) {
            throw new IllegalArgumentException(parameter + ": '" + id.strip() + "' is not a replica id (12 lowercase hex digits)");
        }
        return id.strip();
    }

    /** {@code backup --existing-replica-id ID [--offline-backup]}; the archive goes to stdout. */
    record Backup(String existingReplicaId, boolean offline) implements BootstrapperCommand {
        public Backup {
            existingReplicaId = checkReplicaId("replicaId", existingReplicaId);
        }

        @Override
        public String name() {
            return "backup";
        }

        @Override
        public List<String> arguments(VersionLine line) {
            List<String> args = new ArrayList<>(List.of("--existing-replica-id", existingReplicaId));
            if (offline) {
                if (!line.hasOfflineBackup()) {
                    throw new IllegalArgumentException("offline: " + line + " has no --offline-backup (added in 2.6);"
                            + " turn read-only mode on before the backup instead");
                }
                args.add("--offline-backup");
            }
            return args;
        }

        @Override
        public boolean writesStdout() {
            return true;
        }
    }

    /** {@code destroy --replica-id ID}: removes the replica's containers and its local volumes. */
    record Destroy(String replicaId) implements BootstrapperCommand {
        public Destroy {
            replicaId = checkReplicaId("destroy", replicaId);
        }

        @Override
        public String name() {
            return "destroy";
        }

        @Override
        public List<String> arguments(VersionLine line) {
            return List.of("--replica-id", replicaId);
        }
    }

    /**
     * {@code restore --replica-id ID <storage flag>} with the backup on stdin. Cloud storage is
     * restored with {@code --dtr-use-default-storage} and switched through the storage API after.
     */
    record Restore(String replicaId, StorageTarget storage) implements BootstrapperCommand {
        public Restore {
            replicaId = checkReplicaId("replicaId", replicaId);
        }

        @Override
        public String name() {
            return "restore";
        }

        @Override
        public List<String> arguments(VersionLine line) {
            List<String> args = new ArrayList<>(List.of("--replica-id", replicaId));
            if (storage == null) {
                if (line.restoreNeedsStorageFlag()) {
                    throw new IllegalArgumentException("storage: required; " + line + " restore must be told the storage"
                            + " (volume:NAME, /host/path, nfs://host/dir, s3://… or azure://…)");
                }
            } else if (storage instanceof StorageTarget.Volume v) {
                args.addAll(List.of("--dtr-storage-volume", v.nameOrPath()));
            } else if (storage instanceof StorageTarget.Nfs n) {
                args.addAll(List.of("--nfs-storage-url", n.url()));
            } else {
                if (!line.restoreNeedsStorageFlag()) {
                    throw new IllegalArgumentException("storage: " + line + " cannot restore onto cloud storage and keep tags;"
                            + " restore onto the old storage, upgrade, then switch");
                }
                args.add("--dtr-use-default-storage");
            }
            return args;
        }

        @Override
        public boolean readsStdin() {
            return true;
        }
    }

    /**
     * {@code reconfigure --existing-replica-id ID <storage flag> --storage-migrated} (or, as an
     * explicit destructive choice on MSR 2.9, {@code --reinitialize-storage}).
     */
    record Reconfigure(String existingReplicaId, StorageTarget storage, boolean storageMigrated, boolean reinitializeStorage)
            implements BootstrapperCommand {
        public Reconfigure {
            existingReplicaId = checkReplicaId("replicaId", existingReplicaId);
            Objects.requireNonNull(storage, "storage");
            if (storage instanceof StorageTarget.Cloud) {
                throw new IllegalArgumentException("storage: cloud storage (" + storage.describe() + ") is not a reconfigure"
                        + " flag; it is switched through the storage settings API");
            }
            if (storageMigrated && reinitializeStorage) {
                throw new IllegalArgumentException("storageMigrated and reinitializeStorage: choose one; the first keeps the"
                        + " tags of a copied backend, the second starts with no tags");
            }
        }

        @Override
        public String name() {
            return "reconfigure";
        }

        @Override
        public List<String> arguments(VersionLine line) {
            checkKeepsTags(line, storageMigrated, reinitializeStorage);
            List<String> args = new ArrayList<>(List.of("--existing-replica-id", existingReplicaId));
            if (storage instanceof StorageTarget.Volume v) {
                args.addAll(List.of("--dtr-storage-volume", v.nameOrPath()));
            } else {
                args.addAll(List.of("--nfs-storage-url", ((StorageTarget.Nfs) storage).url()));
            }
            if (storageMigrated) {
                args.add("--storage-migrated");
            }
            if (reinitializeStorage) {
                args.add("--reinitialize-storage");
            }
            return args;
        }
    }

    /**
     * The rules of a storage switch, shared with the storage-API path: refuses a switch that would
     * wipe tags unless that is asked for explicitly, and flags the version does not have.
     */
    static void checkKeepsTags(VersionLine line, boolean storageMigrated, boolean reinitializeStorage) {
        if (reinitializeStorage && !line.hasReinitializeStorage()) {
            throw new IllegalArgumentException("reinitializeStorage: " + line + " has no --reinitialize-storage (MSR 2.9 only)");
        }
        if (storageMigrated && !line.hasStorageMigrated()) {
            throw new IllegalArgumentException("storageMigrated: " + line + " has no --storage-migrated (added in DTR 2.6.4),"
                    + " so switching storage here wipes every tag. Upgrade to DTR 2.6.4 or later first, then migrate");
        }
        if (!storageMigrated && !reinitializeStorage && line.storageSwitchWipesTags()) {
            throw new IllegalArgumentException("storageMigrated: required; on " + line + " switching storage without"
                    + " --storage-migrated wipes every tag. Copy the storage, then pass storageMigrated: true"
                    + (line.hasReinitializeStorage() ? " (or reinitializeStorage: true to start with no tags on purpose)" : ""));
        }
    }
}
