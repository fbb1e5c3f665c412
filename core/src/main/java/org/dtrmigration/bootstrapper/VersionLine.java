package org.dtrmigration.bootstrapper;

import org.dtrmigration.registry.DtrVersion;

/**
 * The product lines whose bootstrapper commands differ in ways that matter to a storage migration.
 * Facts from the DTR 2.5–2.7 and MSR 2.8/2.9 documentation (see docs/bootstrapper.md); MSR 2.8
 * having {@code --storage-migrated} is inferred from it being a renamed DTR 2.7.
 */
public enum VersionLine {
    DTR_2_5("DTR 2.5"),
    DTR_2_6_0_TO_2_6_3("DTR 2.6.0-2.6.3"),
    DTR_2_6_4_TO_2_7("DTR 2.6.4-2.7"),
    MSR_2_8("MSR 2.8"),
    MSR_2_9("MSR 2.9");

    private final String displayName;

    VersionLine(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The line of a version; DTR/MSR outside 2.5–2.9 (MSR 2.10+ and 3.x deploy differently) is refused.
     *
     * @throws IllegalArgumentException naming {@code parameter}
     */
    public static VersionLine of(DtrVersion version, String parameter) {
        if (version.major() != 2 || version.minor() < 5 || version.minor() > 9) {
            throw new IllegalArgumentException(parameter + ": version " + version.raw()
                    + " is not supported; this tool handles DTR 2.5-2.7 and MSR 2.8-2.9");
        }
        return switch (version.minor()) {
            case 5 -> DTR_2_5;
            case 6 -> version.patch() < 4 ? DTR_2_6_0_TO_2_6_3 : DTR_2_6_4_TO_2_7;
            case 7 -> DTR_2_6_4_TO_2_7;
            case 8 -> MSR_2_8;
            default -> MSR_2_9;
        };
    }

    public String displayName() {
        return displayName;
    }

    /** {@code backup --offline-backup} exists from 2.6. */
    public boolean hasOfflineBackup() {
        return this != DTR_2_5;
    }

    /** From 2.6 {@code restore} must be told the storage (volume, NFS or default storage). */
    public boolean restoreNeedsStorageFlag() {
        return this != DTR_2_5;
    }

    /** {@code reconfigure --storage-migrated} was added in DTR 2.6.4. */
    public boolean hasStorageMigrated() {
        return compareTo(DTR_2_6_4_TO_2_7) >= 0;
    }

    /** {@code reconfigure --reinitialize-storage} exists on MSR 2.9 only. */
    public boolean hasReinitializeStorage() {
        return this == MSR_2_9;
    }

    /** MSR 2.9 refuses a new backend that does not hold an exact copy of the old one. */
    public boolean storageSwitchNeedsExactCopy() {
        return this == MSR_2_9;
    }

    /**
     * From 2.6 tags live in the metadata store, and a storage switch without a keep flag starts it
     * afresh: every tag is gone. 2.5 does the same once (experimental) online GC was opted into, and
     * nothing outside DTR tells whether it was, so 2.5 counts as wiping too.
     */
    public boolean storageSwitchWipesTags() {
        return true;
    }

    /** The storage settings API honours {@code keep_metadata} from DTR 2.6.6. */
    public static boolean storageApiKeepsMetadata(DtrVersion version) {
        return version.atLeast(2, 6, 6);
    }

    /**
     * The prefix of the bootstrapper's own environment variables ({@code DTR_REPLICA_ID},
     * {@code DTR_CA} became {@code MSR_REPLICA_ID}, {@code MSR_CA} in MSR). This tool passes every
     * option as a flag, except {@code UCP_PASSWORD}, whose name did not change.
     */
    public String environmentPrefix() {
        return compareTo(MSR_2_8) >= 0 ? "MSR_" : "DTR_";
    }

    @Override
    public String toString() {
        return displayName;
    }
}
