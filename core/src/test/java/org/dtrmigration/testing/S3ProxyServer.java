package org.dtrmigration.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server in this JVM: S3Proxy over jclouds' filesystem provider, on 127.0.0.1 with an
 * ephemeral port, SigV2/V4 authentication with {@link #ACCESS_KEY}/{@link #SECRET_KEY}, objects under
 * a temporary directory. Start one per test class and close it after:
 *
 * <pre>{@code
 * static S3ProxyServer s3;
 * @BeforeAll static void start() throws Exception { s3 = S3ProxyServer.start(); s3.createBucket("registry"); }
 * @AfterAll static void stop() throws Exception { s3.close(); }
 * }</pre>
 *
 * Other modules reach it through core's test-jar and need {@code org.gaul:s3proxy} as a test dependency.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "dtrmig-test-access";
    public static final String SECRET_KEY = "dtrmig-test-secret-3f9c2a71";

    private final Path baseDir;
    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyServer(Path baseDir) throws Exception {
        this.baseDir = baseDir;
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        this.context = ContextBuilder.newBuilder("filesystem")
                .credentials("identity", "credential") // jclouds' own, unused by the filesystem provider
                .overrides(properties)
                .buildView(BlobStoreContext.class);
        this.proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
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
            context.close();
            throw e;
        }
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts a server storing objects in a new temporary directory, removed on close. */
    public static S3ProxyServer start() throws Exception {
        return new S3ProxyServer(Files.createTempDirectory("s3proxy-"));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The directory holding one folder per bucket (what jclouds' filesystem provider writes). */
    public Path baseDir() {
        return baseDir;
    }

    public BlobStore blobStore() {
        return context.getBlobStore();
    }

    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    public S3Location location(String bucket, String prefix) {
        return new S3Location(bucket, prefix, "us-east-1", endpoint, true);
    }

    public S3Credentials.AccessKey credentials() {
        return S3Credentials.of(ACCESS_KEY, Secret.of(SECRET_KEY));
    }

    /** A {@code s3://} URI for the bucket on this server, for CLI-level tests. */
    public String uri(String bucket, String prefix) {
        return location(bucket, prefix).toUri();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("S3Proxy did not stop cleanly", e);
        } finally {
            context.close();
            TempDirs.deleteRecursively(baseDir);
        }
    }
}
