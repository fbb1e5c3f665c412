package org.dtrmigration.s3embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server in this JVM: S3Proxy over jclouds' filesystem provider, one folder per bucket under a
 * directory the caller owns, on 127.0.0.1 with an ephemeral port, SigV2/V4 authentication with the keys
 * the caller gives (never printed). The one launcher behind the simulator's rehearsal S3 and core's test
 * fixture; it returns plain values (endpoint, access key) so that it needs none of our types.
 */
public final class EmbeddedS3Proxy implements AutoCloseable {

    private static final long START_TIMEOUT_NANOS = 30_000_000_000L;

    private final Path baseDir;
    private final String accessKey;
    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final URI endpoint;

    /** @param keyStore null for plain http; else https only, with this key store and its password */
    private EmbeddedS3Proxy(Path baseDir, String accessKey, String secretKey, Path keyStore, String keyStorePassword) throws Exception {
        Objects.requireNonNull(baseDir, "baseDir");
        if (accessKey == null || accessKey.isEmpty() || secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("S3Proxy needs a non-empty access key and secret key");
        }
        this.baseDir = Files.createDirectories(baseDir); // only once the arguments are known to be usable
        this.accessKey = accessKey;
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        this.context = ContextBuilder.newBuilder("filesystem")
                .credentials("identity", "credential") // jclouds' own, unused by the filesystem provider
                .overrides(properties)
                .buildView(BlobStoreContext.class);
        try {
            S3Proxy.Builder builder = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey);
            if (keyStore == null) {
                builder.endpoint(URI.create("http://127.0.0.1:0"));
            } else {
                builder.secureEndpoint(URI.create("https://127.0.0.1:0")).keyStore(keyStore.toString(), keyStorePassword);
            }
            this.proxy = builder.build();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        try {
            proxy.start();
            // start() returns before Jetty listens; the port is known once it has started.
            long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            stop();
            throw e;
        }
        this.endpoint = keyStore == null ? URI.create("http://127.0.0.1:" + proxy.getPort())
                : URI.create("https://127.0.0.1:" + proxy.getSecurePort());
    }

    /**
     * Starts a server keeping its buckets under {@code baseDir} (created if missing, left in place on close)
     * and accepting requests signed with {@code accessKey}/{@code secretKey}.
     */
    public static EmbeddedS3Proxy start(Path baseDir, String accessKey, String secretKey) throws Exception {
        return new EmbeddedS3Proxy(baseDir, accessKey, secretKey, null, null);
    }

    /**
     * As {@link #start}, serving https only, with the key and certificate in {@code keyStore} (PKCS12, one key
     * entry, valid for 127.0.0.1). Clients must trust that certificate.
     */
    public static EmbeddedS3Proxy startTls(Path baseDir, String accessKey, String secretKey, Path keyStore, String keyStorePassword)
            throws Exception {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        return new EmbeddedS3Proxy(baseDir, accessKey, secretKey, keyStore, keyStorePassword);
    }

    /** {@code http://127.0.0.1:PORT} ({@code https://} when started with TLS): path-style requests, any region. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    /** The directory holding one folder per bucket (what jclouds' filesystem provider writes). */
    public Path baseDir() {
        return baseDir;
    }

    /** The jclouds store behind the server, for setup and checks that bypass S3. */
    public BlobStore blobStore() {
        return context.getBlobStore();
    }

    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** Stops the server; its directory stays, the caller's to remove. */
    @Override
    public void close() {
        Exception failure = stop();
        if (failure != null) {
            throw new IllegalStateException("S3Proxy did not stop cleanly", failure);
        }
    }

    private Exception stop() {
        try {
            proxy.stop();
            return null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return e;
        } finally {
            context.close();
        }
    }
}
