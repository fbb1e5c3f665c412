package org.dtrmigration.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.dtrmigration.layout.Image;
import org.dtrmigration.layout.RegistryTreeReader;
import org.dtrmigration.layout.RegistryTreeWriter;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.simulator.api.CronsApi;
import org.dtrmigration.simulator.api.JobsApi;
import org.dtrmigration.simulator.api.MetaApi;
import org.dtrmigration.simulator.api.RepositoriesApi;
import org.dtrmigration.simulator.api.StorageApi;
import org.dtrmigration.simulator.crons.CronService;
import org.dtrmigration.simulator.faults.Faults;
import org.dtrmigration.simulator.http.ApiServer;
import org.dtrmigration.simulator.http.RequestLog;
import org.dtrmigration.simulator.http.RequestRecord;
import org.dtrmigration.simulator.http.Router;
import org.dtrmigration.simulator.jobs.GarbageCollection;
import org.dtrmigration.simulator.jobs.GcLock;
import org.dtrmigration.simulator.jobs.Job;
import org.dtrmigration.simulator.jobs.JobAction;
import org.dtrmigration.simulator.jobs.JobActions;
import org.dtrmigration.simulator.jobs.JobService;
import org.dtrmigration.simulator.metadata.InMemoryMetadataStore;
import org.dtrmigration.simulator.metadata.MetadataLoader;
import org.dtrmigration.simulator.metadata.MetadataSnapshot;
import org.dtrmigration.simulator.metadata.MetadataStore;
import org.dtrmigration.simulator.metadata.RepositoryRecord;
import org.dtrmigration.simulator.metadata.TagRecord;
import org.dtrmigration.simulator.settings.ReplicaReadOnly;
import org.dtrmigration.simulator.settings.Settings;
import org.dtrmigration.simulator.storage.StorageService;
import org.dtrmigration.simulator.storage.StorageState;
import org.dtrmigration.storage.ObjectStore;

/**
 * A DTR / MSR API simulator over a real registry tree in an {@link ObjectStore}.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * try (DtrSimulator sim = DtrSimulator.builder()
 *         .storage(new FilesystemStore(dir))
 *         .admin("admin", "admin-token")
 *         .user("dev", "dev-token")
 *         .replicaIds("a1b2c3d4e5f6", "b2c3d4e5f6a7")
 *         .cron(CronSpec.onlineGcWeekly())
 *         .start()) {
 *     URI url = sim.url();          // http://127.0.0.1:<port>
 *     sim.push("team/app", "v1");   // a real image into storage, and a tag into the metadata store
 *     sim.faults().failRequests(null, "/api/v0/meta/settings", 503, 2);
 * }
 * }</pre>
 * Standalone (e.g. from the CLI): build a {@link SimulatorConfig} with a fixed {@code port} and
 * {@code bindAddress}, call {@link #start(SimulatorConfig)}, then {@link #awaitTermination()}; a
 * shutdown hook calling {@link #close()} ends it.
 *
 * <h2>API served (HTTP basic auth with {@code user:token})</h2>
 * <ul>
 *   <li>{@code GET /_ping} (no auth): {@code {"Error":"","Healthy":true}}, 503 when unhealthy.</li>
 *   <li>{@code GET /api/v0/docs.json} (no auth): Swagger stub with {@code info.version}.</li>
 *   <li>{@code GET|POST /api/v0/meta/settings} (admin): POST takes a partial object, answers 202
 *   with the settings; 400 {@code INVALID_SETTINGS} for bodies that are not JSON objects or have
 *   wrongly typed known fields; unknown fields are ignored.</li>
 *   <li>{@code GET /api/v0/meta/cluster_status} (admin): {@code replica_health},
 *   {@code replica_timestamp}, {@code replica_readonly} (each replica sees read-only changes only
 *   after its share of {@link SimulatorConfig#readOnlyLag()}), {@code gc_lock_holder} (job id).</li>
 *   <li>{@code GET /api/v0/meta/features} (user): {@code onlineGCEnabled}, {@code metadataStoreOptedIn}
 *   (true from 2.6 on), {@code scanningEnabled}.</li>
 *   <li>{@code /api/v0/jobs} (admin): POST {@code {"action","parameters","deadline","stopTimeout","retries"}}
 *   → 202 + Job; GET {@code ?action=&worker=&running=any|true|false&start=&limit=} → {@code {"jobs":[…]}}
 *   newest first (limit defaults to 10); GET {@code /{id}}; GET {@code /{id}/logs?offset=&limit=} →
 *   {@code [{"data","lineNum"}]} (lineNum from 0; no limit = all); POST {@code /{id}/cancel} → 204.
 *   Unknown ids → 404 {@code NO_SUCH_JOB}; unknown actions → 400 {@code INVALID_JOB}.</li>
 *   <li>{@code /api/v0/crons} (admin): GET → {@code {"crons":[…]}}; POST (create/update by action) → 202 + Cron;
 *   GET/DELETE {@code /{action}} → 200/204, 404 {@code NO_SUCH_CRON}; bad bodies → 400 {@code INVALID_CRON}.</li>
 *   <li>{@code GET /api/v0/repositories?pageStart=&pageSize=&count=} (user) → {@code {"repositories":[…]}};
 *   {@code GET /api/v0/repositories/{ns}/{name}[/tags?pageStart=&pageSize=&includeManifests=]}
 *   (404 {@code NO_SUCH_REPOSITORY}); {@code X-Next-Page-Start} while more pages follow.</li>
 * </ul>
 * Errors use DTR's shape {@code {"errors":[{"code","message"}]}}: 401 {@code NOT_AUTHENTICATED},
 * 403 {@code NOT_AUTHORIZED}, 404 {@code NOT_FOUND}, 405 {@code METHOD_NOT_ALLOWED}.
 *
 * <h2>Behaviour</h2>
 * Jobs run asynchronously ({@code waiting → running → done|errored|canceled}); {@code onlinegc_blobs}
 * and friends really delete unreferenced blobs (see {@link GarbageCollection}), also while read-only.
 * The metadata store (like DTR's RethinkDB) is loaded from storage at start and updated by
 * {@link #push}; it is what the tags API and online GC read. Nothing secret is ever logged.
 */
public final class DtrSimulator implements AutoCloseable {

    private final SimulatorConfig config;
    private final Clock clock;
    private final Faults faults = new Faults();
    private final RequestLog requestLog = new RequestLog(10_000);
    private final MetadataStore metadata;
    private final ReplicaReadOnly readOnly;
    private final Settings settings;
    private final GcLock gcLock = new GcLock();
    private final JobService jobs;
    private final CronService crons;
    private final RegistryTreeWriter writer;
    private final StorageService storage;
    private final Cluster cluster;
    private final BootstrapperEmulator bootstrapper;
    private final ApiServer server;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong pushes = new AtomicLong();

    private DtrSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.clock = config.clock();
        this.cluster = new Cluster(config.replicaIds());
        this.readOnly = new ReplicaReadOnly(config.replicaIds(), config.readOnlyLag(), clock, config.readOnly());
        this.settings = new Settings(config.dtrHost(), config.replicaIds().get(0), config.storageVolume(),
                config.nfsHost(), config.nfsPath(), readOnly);
        this.storage = new StorageService(config.storage(),
                StorageService.initialState(config.storageVolume(), config.nfsHost(), config.nfsPath()),
                state -> settings.setStorage(state.volume(), state.nfsUrl()));
        // Everything reads and writes through the switchable store, so a restore or reconfigure moves them all.
        ObjectStore storage = this.storage.store();
        this.writer = new RegistryTreeWriter(storage);
        this.metadata = config.metadataStore() != null ? config.metadataStore() : new InMemoryMetadataStore(clock);
        if (config.loadMetadata()) {
            MetadataLoader.load(new RegistryTreeReader(storage), metadata, clock, config.admin().name());
        }
        GarbageCollection gc = new GarbageCollection(storage, metadata, gcLock);
        this.jobs = new JobService(actions(gc), clock, config.replicaIds(), config.jobStartDelay(), config.jobStepDelay(), faults);
        this.crons = new CronService(jobs, clock);
        this.bootstrapper = new BootstrapperEmulator(this);
        try {
            config.crons().forEach(crons::put);
            Router router = new Router();
            new MetaApi(config.product().title(), config.version(), features(config), settings, cluster::alive,
                    gcLock, faults, clock).register(router);
            new JobsApi(jobs).register(router);
            new CronsApi(crons).register(router);
            new RepositoriesApi(metadata, storage).register(router);
            new StorageApi(this.storage, metadata, readOnly, keepMetadataHonoured(config), config.versionAtLeast(2, 6))
                    .register(router);
            new BootstrapperApi(bootstrapper).register(router);
            this.server = new ApiServer(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()),
                    router, new BasicAuthenticator(config.users()), faults, requestLog, clock, () -> !cluster.installed());
        } catch (IOException | RuntimeException e) {
            crons.close();
            jobs.close();
            storage.close();
            throw e;
        }
    }

    private static JobActions actions(GarbageCollection gc) {
        Map<String, JobAction> actions = new LinkedHashMap<>();
        actions.put("onlinegc", gc::online);
        actions.put("onlinegc_blobs", gc::onlineBlobs);
        actions.put("onlinegc_metadata", gc::metadataOnly);
        actions.put("gc", gc::storageRevisions);
        JobActions.BACKGROUND.forEach(a -> actions.put(a, JobActions.logOnly(a)));
        return new JobActions(actions);
    }

    /** {@code keep_metadata} in the storage settings API is honoured from DTR 2.6.6. */
    private static boolean keepMetadataHonoured(SimulatorConfig config) {
        String[] v = config.version().split("[.-]");
        int minor = Integer.parseInt(v[1]);
        int patch = Integer.parseInt(v[2]);
        return config.versionAtLeast(2, 7) || (minor == 6 && patch >= 6);
    }

    /** Online GC left experimental in 2.6; before that it and the metadata store were opt-in. */
    private static Map<String, Boolean> features(SimulatorConfig config) {
        boolean online = config.versionAtLeast(2, 6);
        return Map.of("onlineGCEnabled", online, "metadataStoreOptedIn", online, "scanningEnabled", false);
    }

    public static SimulatorConfig.Builder builder() {
        return new SimulatorConfig.Builder();
    }

    /** Starts a simulator: the metadata store is loaded, crons are set up, the server listens. */
    public static DtrSimulator start(SimulatorConfig config) throws IOException {
        DtrSimulator sim = new DtrSimulator(config);
        sim.server.start();
        if (config.cronScheduler()) {
            sim.crons.startScheduler(config.cronTick());
        }
        return sim;
    }

    /** The base URL; a wildcard bind address is reported as 127.0.0.1. */
    public URI url() {
        InetSocketAddress a = server.address();
        if (a.getAddress().isAnyLocalAddress()) {
            return URI.create("http://127.0.0.1:" + a.getPort());
        }
        return server.url();
    }

    public int port() {
        return server.address().getPort();
    }

    public SimulatorConfig config() {
        return config;
    }

    // ---- state, for tests and rehearsal drivers -------------------------------------------------------

    public Faults faults() {
        return faults;
    }

    public MetadataStore metadata() {
        return metadata;
    }

    public JobService jobs() {
        return jobs;
    }

    /** The storage the registry uses now (it changes with a restore or reconfigure onto new storage). */
    public ObjectStore storage() {
        return storage.store().current();
    }

    /** How the registry stores images now, as DTR's settings would say. */
    public StorageState storageState() {
        return storage.state();
    }

    /** The bootstrapper the {@code docker} stand-in talks to; configure its UCP credentials and host root here. */
    public BootstrapperEmulator bootstrapper() {
        return bootstrapper;
    }

    /** The replicas that exist (all configured ones until a {@code destroy}). */
    public List<String> replicas() {
        return cluster.alive();
    }

    /** False after every replica was destroyed, until a restore. */
    public boolean installed() {
        return cluster.installed();
    }

    StorageService storageService() {
        return storage;
    }

    Cluster cluster() {
        return cluster;
    }

    Clock clock() {
        return clock;
    }

    public CronService crons() {
        return crons;
    }

    /** Requests received so far (method, path, status, user; never credentials). */
    public List<RequestRecord> requests() {
        return requestLog.snapshot();
    }

    /** Sets read-only as {@code POST /api/v0/meta/settings} does (replicas follow after the lag). */
    public void setReadOnly(boolean value) {
        readOnly.set(value);
    }

    /** The read-only setting as stored (what the settings endpoint reports). */
    public boolean isReadOnly() {
        return readOnly.desired();
    }

    /** Each replica's current read-only state. */
    public Map<String, Boolean> replicaReadOnly() {
        return readOnly.effective();
    }

    /** Starts the cron's job now, as if its schedule had come round. */
    public Job fireCron(String action) {
        return crons.fire(action).orElseThrow(() -> new NoSuchElementException("no cron for action " + action));
    }

    /** Replaces the metadata with what the storage tree says (tags from current links). */
    public void reloadMetadataFromStorage() throws IOException {
        metadata.restore(new MetadataSnapshot(List.of(), Map.of()));
        MetadataLoader.load(new RegistryTreeReader(storage.store()), metadata, clock, config.admin().name());
    }

    // ---- pushes -----------------------------------------------------------------------------

    /** Pushes a small deterministic synthetic image (2 layers) through the first replica. */
    public WrittenImage push(String repository, String tag) throws IOException {
        long seed = (repository + ":" + tag).hashCode() * 31L + pushes.incrementAndGet();
        return push(repository, tag, SyntheticImages.image(seed, 2, 512, 4096));
    }

    /** Pushes an image through the first replica; {@link RegistryReadOnlyException} when that replica is read-only. */
    public WrittenImage push(String repository, String tag, Image image) throws IOException {
        return pushVia(config.replicaIds().get(0), repository, tag, image);
    }

    /** Pushes an image through the given replica, which may not have seen a read-only change yet. */
    public WrittenImage pushVia(String replica, String repository, String tag, Image image) throws IOException {
        checkWritable(replica, repository);
        return recordTag(writer.writeImage(repository, tag, image));
    }

    /** Pushes a multi-platform image (manifest list / OCI index) through the first replica. */
    public WrittenImage pushIndex(String repository, String tag, List<Image> platforms) throws IOException {
        checkWritable(config.replicaIds().get(0), repository);
        return recordTag(writer.writeIndex(repository, tag, platforms));
    }

    /** Deletes a tag from the metadata store and its links from storage (blobs stay until GC). */
    public boolean deleteTag(String repository, String tag) throws IOException {
        boolean existed = metadata.deleteTag(repository, tag);
        writer.untag(repository, tag);
        return existed;
    }

    private void checkWritable(String replica, String repository) throws IOException {
        if (!RepositoryRecord.isDtrRepositoryName(repository)) {
            throw new IllegalArgumentException("DTR repositories are namespace/name: '" + repository + "'");
        }
        if (!cluster.isAlive(replica)) {
            throw new IllegalStateException("replica " + replica + " does not exist (destroyed)");
        }
        if (readOnly.effective(replica)) {
            throw new RegistryReadOnlyException(replica);
        }
    }

    private WrittenImage recordTag(WrittenImage written) {
        Instant now = clock.instant();
        Instant created = metadata.tag(written.repository(), written.tag()).map(TagRecord::createdAt).orElse(now);
        metadata.putTag(written.repository(),
                new TagRecord(written.tag(), written.manifest(), config.admin().name(), created, now));
        return written;
    }

    // ---- lifecycle --------------------------------------------------------------------------

    /** Blocks until {@link #close()} is called (standalone use). */
    public void awaitTermination() throws InterruptedException {
        closed.await();
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        server.close();
        crons.close();
        jobs.close();
        storage.close();
        closed.countDown();
    }
}
