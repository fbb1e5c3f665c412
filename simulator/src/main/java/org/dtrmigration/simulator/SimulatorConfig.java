package org.dtrmigration.simulator;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.metadata.MetadataStore;
import org.dtrmigration.storage.ObjectStore;

/**
 * Everything a {@link DtrSimulator} needs. Build one with {@link DtrSimulator#builder()}.
 *
 * @param bindAddress    address to listen on (default {@code 127.0.0.1})
 * @param port           port, 0 for any free one (default 0)
 * @param product        DTR or MSR (default DTR)
 * @param version        version reported by {@code docs.json} (default 2.7.5 for DTR, 2.9.4 for MSR)
 * @param users          accepted users; at least one admin
 * @param storage        the registry root the simulator reads and writes (required)
 * @param replicaIds     replica ids, 12 lowercase hex digits each (default one replica)
 * @param dtrHost        {@code dtrHost} setting
 * @param storageVolume  {@code storageVolume} setting (informational)
 * @param nfsHost        {@code nfsHost} setting (informational)
 * @param nfsPath        {@code nfsPath} setting (informational)
 * @param readOnly       read-only at start
 * @param readOnlyLag    time until the last replica sees a read-only change
 * @param jobStartDelay  time a job stays {@code waiting}
 * @param jobStepDelay   pause between a job's steps (slow jobs: raise it, or use the faults API)
 * @param crons          crons present at start (e.g. an {@code onlinegc} cron, a {@code poll_mirror} cron)
 * @param cronScheduler  whether crons fire on their schedules (tests may prefer firing them by hand)
 * @param cronTick       how often the scheduler looks for due crons
 * @param clock          time source for timestamps, cron schedules and read-only lag
 * @param metadataStore  the metadata store to use, or null for a fresh in-memory one
 * @param loadMetadata   whether to fill the metadata store from the tree in storage at start
 */
public record SimulatorConfig(String bindAddress, int port, Product product, String version, List<ApiUser> users,
                              ObjectStore storage, List<String> replicaIds, String dtrHost, String storageVolume,
                              String nfsHost, String nfsPath, boolean readOnly, Duration readOnlyLag,
                              Duration jobStartDelay, Duration jobStepDelay, List<CronSpec> crons, boolean cronScheduler,
                              Duration cronTick, Clock clock, MetadataStore metadataStore, boolean loadMetadata) {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(-[0-9A-Za-z.-]+)?");
    private static final Pattern REPLICA_ID = Pattern.compile("[0-9a-f]{12}");

    public SimulatorConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
        }
        Objects.requireNonNull(product, "product");
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version must look like 2.7.5: " + version);
        }
        users = List.copyOf(users);
        if (users.stream().noneMatch(ApiUser::admin)) {
            throw new IllegalArgumentException("users must include an admin");
        }
        if (users.stream().map(ApiUser::name).distinct().count() != users.size()) {
            throw new IllegalArgumentException("user names must be unique");
        }
        Objects.requireNonNull(storage, "storage");
        replicaIds = List.copyOf(replicaIds);
        if (replicaIds.isEmpty() || new HashSet<>(replicaIds).size() != replicaIds.size()) {
            throw new IllegalArgumentException("replicaIds must be non-empty and unique: " + replicaIds);
        }
        for (String id : replicaIds) {
            if (!REPLICA_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("replica id must be 12 lowercase hex digits: '" + id + "'");
            }
        }
        Objects.requireNonNull(dtrHost, "dtrHost");
        Objects.requireNonNull(storageVolume, "storageVolume");
        Objects.requireNonNull(nfsHost, "nfsHost");
        Objects.requireNonNull(nfsPath, "nfsPath");
        requireNonNegative(readOnlyLag, "readOnlyLag");
        requireNonNegative(jobStartDelay, "jobStartDelay");
        requireNonNegative(jobStepDelay, "jobStepDelay");
        requireNonNegative(cronTick, "cronTick");
        crons = List.copyOf(crons);
        Objects.requireNonNull(clock, "clock");
    }

    private static void requireNonNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a non-negative duration: " + d);
        }
    }

    /** Whether the configured version is at least {@code major.minor}. */
    public boolean versionAtLeast(int major, int minor) {
        var m = VERSION.matcher(version);
        if (!m.matches()) {
            throw new IllegalStateException("unparsable version " + version);
        }
        int ma = Integer.parseInt(m.group(1));
        int mi = Integer.parseInt(m.group(2));
        return ma > major || (ma == major && mi >= minor);
    }

    /** The first admin: the author of in-process pushes. */
    public ApiUser admin() {
        return users.stream().filter(ApiUser::admin).findFirst().orElseThrow();
    }

    /** Builder with defaults for everything but storage. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private Product product = Product.DTR;
        private String version;
        private final List<ApiUser> users = new ArrayList<>();
        private ObjectStore storage;
        private List<String> replicaIds = List.of("a1b2c3d4e5f6");
        private String dtrHost = "dtr.example.com";
        private String storageVolume = "";
        private String nfsHost = "";
        private String nfsPath = "";
        private boolean readOnly;
        private Duration readOnlyLag = Duration.ofMillis(500);
        private Duration jobStartDelay = Duration.ofMillis(100);
        private Duration jobStepDelay = Duration.ofMillis(20);
        private final List<CronSpec> crons = new ArrayList<>();
        private boolean cronScheduler = true;
        private Duration cronTick = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private MetadataStore metadataStore;
        private boolean loadMetadata = true;

        Builder() {
        }

        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder product(Product value) {
            product = value;
            return this;
        }

        public Builder version(String value) {
            version = value;
            return this;
        }

        /** Adds an admin user. */
        public Builder admin(String name, String token) {
            users.add(new ApiUser(name, Secret.of(token), true));
            return this;
        }

        /** Adds a user without admin rights. */
        public Builder user(String name, String token) {
            users.add(new ApiUser(name, Secret.of(token), false));
            return this;
        }

        public Builder storage(ObjectStore value) {
            storage = value;
            return this;
        }

        public Builder replicaIds(String... ids) {
            replicaIds = List.of(ids);
            return this;
        }

        public Builder dtrHost(String value) {
            dtrHost = value;
            return this;
        }

        public Builder storageVolume(String value) {
            storageVolume = value;
            return this;
        }

        public Builder nfs(String host, String path) {
            nfsHost = host;
            nfsPath = path;
            return this;
        }

        public Builder readOnly(boolean value) {
            readOnly = value;
            return this;
        }

        public Builder readOnlyLag(Duration value) {
            readOnlyLag = value;
            return this;
        }

        public Builder jobStartDelay(Duration value) {
            jobStartDelay = value;
            return this;
        }

        public Builder jobStepDelay(Duration value) {
            jobStepDelay = value;
            return this;
        }

        public Builder cron(CronSpec value) {
            crons.add(value);
            return this;
        }

        public Builder cronScheduler(boolean value) {
            cronScheduler = value;
            return this;
        }

        public Builder cronTick(Duration value) {
            cronTick = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder metadataStore(MetadataStore value) {
            metadataStore = value;
            return this;
        }

        public Builder loadMetadataFromStorage(boolean value) {
            loadMetadata = value;
            return this;
        }

        /**
         * The configuration. Without any admin, one named {@code admin} with a random token is added
         * (read it from {@link SimulatorConfig#admin()}; it is never logged).
         */
        public SimulatorConfig build() {
            List<ApiUser> all = new ArrayList<>(users);
            if (all.stream().noneMatch(ApiUser::admin)) {
                byte[] random = new byte[16];
                new SecureRandom().nextBytes(random);
                all.add(new ApiUser("admin", Secret.of(HexFormat.of().formatHex(random)), true));
            }
            return new SimulatorConfig(bindAddress, port, product, version != null ? version : product.defaultVersion(),
                    all, storage, replicaIds, dtrHost, storageVolume, nfsHost, nfsPath, readOnly, readOnlyLag,
                    jobStartDelay, jobStepDelay, crons, cronScheduler, cronTick, clock, metadataStore, loadMetadata);
        }

        /** Builds the configuration and starts a simulator on it. */
        public DtrSimulator start() throws IOException {
            return DtrSimulator.start(build());
        }
    }
}
