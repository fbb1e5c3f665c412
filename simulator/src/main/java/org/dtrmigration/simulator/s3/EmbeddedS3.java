package org.dtrmigration.simulator.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server in this JVM for rehearsals: S3Proxy over jclouds' filesystem provider under a
 * directory, on 127.0.0.1 with an ephemeral port and freshly generated keys (never printed).
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Credentials.AccessKey credentials;

    private EmbeddedS3(Path baseDir) throws Exception {
        Files.createDirectories(baseDir);
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[20];
        random.nextBytes(key);
        String accessKey = "rehearsal" + HexFormat.of().formatHex(key, 0, 6);
        String secretKey = HexFormat.of().formatHex(key);
        this.credentials = S3Credentials.of(accessKey, Secret.of(secretKey));
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        this.context = ContextBuilder.newBuilder("filesystem")
                .credentials("identity", "credential") // jclouds' own, unused by the filesystem provider
                .overrides(properties)
                .buildView(BlobStoreContext.class);
        this.proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts a server keeping its buckets under {@code baseDir}. */
    public static EmbeddedS3 start(Path baseDir) throws Exception {
        return new EmbeddedS3(baseDir);
    }

    public URI endpoint() {
        return endpoint;
    }

    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    public S3Location location(String bucket, String prefix) {
        return new S3Location(bucket, prefix, "us-east-1", endpoint, true);
    }

    public S3Credentials.AccessKey credentials() {
        return credentials;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            context.close();
        }
    }
}
