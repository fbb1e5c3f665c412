package org.dtrmigration.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.dtrmigration.layout.GeneratedTree;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.docker.DockerStandIn;
import org.dtrmigration.simulator.s3.EmbeddedS3;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.StorageLocation;

/**
 * Everything a rehearsal runs against when no real endpoints are given: a demo registry generated on
 * the local filesystem, a DTR/MSR simulator serving it, the {@code docker} stand-in for the
 * bootstrapper, and a new backend (an in-process S3 server, or a second directory). Credentials are
 * generated for this run and live only in the environment handed to the commands.
 */
final class RehearsalEnvironment implements AutoCloseable {

    static final String REPLICA = "a1b2c3d4e5f6";
    static final String BUCKET = "dtr-new";

    enum Target { s3, filesystem }

    final Path work;
    final FilesystemStore source;
    final GeneratedTree tree;
    final DtrSimulator sim;
    final EmbeddedS3 s3;
    final StorageLocation destination;
    final Path docker;
    final Map<String, String> env = new HashMap<>();
    /** Tags pushed, then deleted before the migration: their blobs are garbage online GC must collect. */
    final int danglingBlobs;

    RehearsalEnvironment(Path work, Target target, Product product, String version, int scale,
                         Map<String, String> inherited) throws Exception {
        this.work = Files.createDirectories(work);
        this.source = new FilesystemStore(Files.createDirectories(work.resolve("registry")));
        TreeSpec spec = TreeSpec.small(2026).withRepositories(6 * scale).withTagsPerRepository(4).withLayersPerImage(3)
                .withLayerSizes(8 * 1024, 384 * 1024).withSharedBaseLayers(4).withAbandonedUploads(2);
        this.tree = TreeGenerator.generate(source, spec);
        String token = random();
        String ucpPassword = random();
        var builder = DtrSimulator.builder().storage(source).product(product).admin("admin", token)
                .replicaIds(REPLICA)
                .readOnlyLag(Duration.ofMillis(500))
                .jobStartDelay(Duration.ofMillis(100))
                .jobStepDelay(Duration.ofMillis(10))
                .cron(CronSpec.onlineGcWeekly())
                .cron(CronSpec.of("poll_mirror", "0 */15 * * * *"))
                .cronScheduler(false);
        if (version != null) {
            builder.version(version);
        }
        this.sim = builder.start();
        sim.bootstrapper().ucpCredentials("ucp-admin", ucpPassword).hostRoot(Files.createDirectories(work.resolve("host")));
        WrittenImage gone = sim.push("demo/scratch", "tmp", SyntheticImages.image(77, 2, 4096, 65536));
        sim.deleteTag("demo/scratch", "tmp");
        this.danglingBlobs = gone.blobs().size();
        this.docker = DockerStandIn.install(Files.createDirectories(work.resolve("bin")));
        env.putAll(inherited);
        env.put(DockerStandIn.URL_VARIABLE, sim.url().toString());
        env.put("DTR_USERNAME", "admin");
        env.put("DTR_TOKEN", token);
        env.put("UCP_PASSWORD", ucpPassword);
        if (target == Target.s3) {
            this.s3 = EmbeddedS3.start(work.resolve("s3"));
            s3.createBucket(BUCKET);
            this.destination = s3.location(BUCKET, "dtr");
            S3Credentials.AccessKey keys = s3.credentials();
            env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey().reveal());
            env.remove("AWS_SESSION_TOKEN");
            env.remove("AWS_PROFILE");
        } else {
            this.s3 = null;
            this.destination = StorageLocation.parse(Files.createDirectories(work.resolve("new-storage")).toUri().toString(),
                    "--target");
        }
    }

    String sourceUri() {
        return source.root().toUri().toString();
    }

    private static String random() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() throws IOException {
        sim.close();
        if (s3 != null) {
            s3.close();
        }
    }
}
