package org.dtrmigration.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.GeneratedTree;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.simulator.crons.Cron;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.docker.DockerStandIn;
import org.dtrmigration.simulator.metadata.TagRecord;
import org.dtrmigration.simulator.s3.EmbeddedS3;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.storage.emulator.Azurite;

/**
 * Everything a rehearsal runs against when no real endpoints are given: a demo registry generated on
 * the old storage (a local directory, the in-process S3 server or Azurite), a DTR/MSR simulator
 * serving it, the {@code docker} stand-in for the bootstrapper, and the new storage (same choices).
 * Credentials are generated for this run (Azurite's is its published development key) and live only
 * in the environment handed to the commands. Whatever was started is stopped by {@link #close()},
 * also when starting something later failed.
 */
final class RehearsalEnvironment implements AutoCloseable {

    static final String REPLICA = "a1b2c3d4e5f6";
    static final String OLD = "dtr-old";
    static final String NEW = "dtr-new";

    /** Where a storage lives in an embedded rehearsal. */
    enum Backend { filesystem, s3, azure }

    final Path work;
    final GeneratedTree tree;
    final DtrSimulator sim;
    final StorageLocation source;
    final StorageLocation destination;
    final Path docker;
    final Map<String, String> env = new HashMap<>();
    /** Tags pushed, then deleted before the migration: their blobs are garbage online GC must collect. */
    final WrittenImage garbage;
    /** The crons at the start, which the migration must leave as they were. */
    final List<CronSpec> crons;
    /** Images pushed while the rehearsal ran (shortest window), which must survive like the generated ones. */
    final List<WrittenImage> pushed = new ArrayList<>();

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private EmbeddedS3 s3;
    private Azurite azurite;

    /**
     * @param azuriteExecutable the {@code azurite-blob} to start when either backend is Azure (checked by the caller)
     */
    RehearsalEnvironment(Path work, Backend sourceBackend, Backend targetBackend, Product product, String version, int scale,
                         Path azuriteExecutable, Map<String, String> inherited) throws Exception {
        this.work = Files.createDirectories(work);
        try {
            env.putAll(inherited);
            this.source = storage(sourceBackend, OLD, "--source", azuriteExecutable);
            this.destination = storage(targetBackend, NEW, "--target", azuriteExecutable);
            ObjectStore sourceStore = new StoreFactory().open(source, new EnvironmentCredentials(env).resolve(source, "--source"));
            started.push(sourceStore);
            TreeSpec spec = TreeSpec.small(2026).withRepositories(6 * scale).withTagsPerRepository(4).withLayersPerImage(3)
                    .withLayerSizes(8 * 1024, 384 * 1024).withSharedBaseLayers(4).withAbandonedUploads(2);
            this.tree = TreeGenerator.generate(sourceStore, spec);
            String token = random();
            String ucpPassword = random();
            this.crons = List.of(CronSpec.onlineGcWeekly(), CronSpec.of("poll_mirror", "0 */15 * * * *"));
            var builder = DtrSimulator.builder().storage(sourceStore).product(product).admin("admin", token)
                    .replicaIds(REPLICA)
                    .readOnlyLag(Duration.ofMillis(500))
                    .jobStartDelay(Duration.ofMillis(100))
                    .jobStepDelay(Duration.ofMillis(10))
                    .cronScheduler(false);
            crons.forEach(builder::cron);
            if (version != null) {
                builder.version(version);
            }
            this.sim = builder.start();
            started.push(sim);
            sim.bootstrapper().ucpCredentials("ucp-admin", ucpPassword).hostRoot(Files.createDirectories(work.resolve("host")));
            this.garbage = sim.push("demo/scratch", "tmp", SyntheticImages.image(77, 2, 4096, 65536));
            sim.deleteTag("demo/scratch", "tmp");
            this.docker = DockerStandIn.install(Files.createDirectories(work.resolve("bin")));
            env.put(DockerStandIn.URL_VARIABLE, sim.url().toString());
            env.put("DTR_USERNAME", "admin");
            env.put("DTR_TOKEN", token);
            env.put("UCP_PASSWORD", ucpPassword);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** A bucket, container or directory named {@code name} on the backend, its credentials put into {@link #env}. */
    private StorageLocation storage(Backend backend, String name, String option, Path azuriteExecutable) throws Exception {
        switch (backend) {
            case s3 -> {
                if (s3 == null) {
                    s3 = EmbeddedS3.start(work.resolve("s3"));
                    started.push(s3);
                    S3Credentials.AccessKey keys = s3.credentials();
                    env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
                    env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey().reveal());
                    env.remove("AWS_SESSION_TOKEN");
                    env.remove("AWS_PROFILE");
                }
                s3.createBucket(name);
                return s3.location(name, "dtr");
            }
            case azure -> {
                if (azurite == null) {
                    azurite = Azurite.start(azuriteExecutable, work.resolve("azurite"));
                    started.push(azurite);
                    env.remove("AZURE_STORAGE_CONNECTION_STRING"); // it would take precedence over the key
                    env.remove("AZURE_STORAGE_SAS_TOKEN");
                    env.put("AZURE_STORAGE_ACCOUNT", Azurite.ACCOUNT);
                    env.put("AZURE_STORAGE_KEY", Azurite.ACCOUNT_KEY);
                }
                azurite.createContainer(name);
                // As DTR/MSR 2.x's Azure driver lays it out: the whole container, blob names with a leading '/'.
                return new AzureLocation(name, "", Azurite.ACCOUNT, azurite.serviceUrl(), true);
            }
            case filesystem -> {
                return StorageLocation.parse(Files.createDirectories(work.resolve(name)).toUri().toString(), option);
            }
            default -> throw new IllegalStateException(backend.name());
        }
    }

    /** The URL, storage locations, environment and bootstrapper options the procedures use. */
    RehearsalTarget target() {
        return new RehearsalTarget(work, source.toUri(), destination.toUri(), List.of("--url", sim.url().toString()),
                List.of("--ucp-url", "https://ucp.rehearsal.invalid", "--ucp-username", "ucp-admin", "--ucp-insecure-tls",
                        "--replica-id", REPLICA, "--docker", docker.toString()),
                env);
    }

    /** Opens a store on the new storage with this rehearsal's credentials. */
    ObjectStore openDestination() {
        return new StoreFactory().open(destination, new EnvironmentCredentials(env).resolve(destination, "--target"));
    }

    /** Blob data objects in the new storage, to report what online GC collected. */
    long countDestinationBlobs() throws IOException {
        long n = 0;
        try (ObjectStore store = openDestination(); ObjectListing list = store.list(RegistryLayout.BLOBS)) {
            while (list.hasNext()) {
                if (RegistryLayout.classify(list.next().key()) instanceof RegistryKey.BlobData) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * The end state judged from the simulator's side, independently of the tool's own checks: every
     * image the rehearsal wrote is tagged as it was, with its manifest and blobs in the new storage;
     * the planted garbage is gone from it; the crons are as they were at the start; read-only is off.
     *
     * @throws IllegalStateException naming what is wrong
     */
    Map<String, Object> checkEndState() throws IOException {
        List<String> problems = new ArrayList<>();
        List<WrittenImage> expected = new ArrayList<>(tree.images());
        expected.addAll(pushed);
        Set<Digest> referenced = new HashSet<>();
        try (ObjectStore store = openDestination()) {
            for (WrittenImage image : expected) {
                String name = image.repository() + ":" + image.tag();
                Optional<TagRecord> tag = sim.metadata().tag(image.repository(), image.tag());
                if (tag.isEmpty()) {
                    problems.add(name + " is gone");
                } else if (!tag.get().digest().equals(image.manifest())) {
                    problems.add(name + " points to " + tag.get().digest() + ", was " + image.manifest());
                }
                for (Digest blob : image.blobs()) {
                    if (referenced.add(blob) && store.stat(RegistryLayout.blobData(blob)).isEmpty()) {
                        problems.add(name + ": blob " + blob + " is missing from the new storage");
                    }
                }
            }
            long collected = 0;
            for (Digest blob : garbage.blobs()) {
                if (referenced.contains(blob)) {
                    continue;
                }
                if (store.stat(RegistryLayout.blobData(blob)).isPresent()) {
                    problems.add("garbage blob " + blob + " survived online GC");
                } else {
                    collected++;
                }
            }
            List<CronSpec> now = sim.crons().list().stream().map(Cron::spec).sorted(Comparator.comparing(CronSpec::action)).toList();
            List<CronSpec> before = crons.stream().sorted(Comparator.comparing(CronSpec::action)).toList();
            if (!now.equals(before)) {
                problems.add("crons are " + now + ", were " + before);
            }
            if (sim.isReadOnly()) {
                problems.add("read-only is still on");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(problems.size() + " problem(s) in the end state: "
                        + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                        + (problems.size() > 5 ? "; …" : ""));
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("tags", expected.size());
            figures.put("blobs", referenced.size());
            figures.put("garbageCollected", collected);
            figures.put("crons", now.stream().map(c -> c.action() + " (" + c.schedule() + ")").toList());
            figures.put("readOnly", false);
            return figures;
        }
    }

    private static String random() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Stops what was started, latest first (the simulator before the storage it serves from). */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IOException("stopping the rehearsal's servers: " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
