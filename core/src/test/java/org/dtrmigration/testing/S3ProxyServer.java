package org.dtrmigration.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtrmigration.s3embedded.EmbeddedS3Proxy;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.jclouds.blobstore.BlobStore;

/**
 * A real S3 server in this JVM for tests: {@link EmbeddedS3Proxy} (the launcher the rehearsal uses too) with
 * {@link #ACCESS_KEY}/{@link #SECRET_KEY}, objects under a temporary directory removed on close. Start one
 * per test class and close it after:
 *
 * <pre>{@code
 * static S3ProxyServer s3;
 * @BeforeAll static void start() throws Exception { s3 = S3ProxyServer.start(); s3.createBucket("registry"); }
 * @AfterAll static void stop() throws Exception { s3.close(); }
 * }</pre>
 *
 * Other modules reach it through core's test-jar and need {@code dtr-migration-s3-embedded} as a test
 * dependency (it brings S3Proxy with the right exclusions).
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "dtrmig-test-access";
    public static final String SECRET_KEY = "dtrmig-test-secret-3f9c2a71";

    private final EmbeddedS3Proxy server;

    private S3ProxyServer(EmbeddedS3Proxy server) {
        this.server = server;
    }

    /** Starts a server storing objects in a new temporary directory, removed on close. */
    public static S3ProxyServer start() throws Exception {
        return startIn(baseDir -> EmbeddedS3Proxy.start(baseDir, ACCESS_KEY, SECRET_KEY));
    }

    /**
     * Starts a server that serves https only, with {@code certificate}; clients must trust it (a JVM through
     * {@code javax.net.ssl.trustStore}).
     */
    public static S3ProxyServer startTls(org.dtrmigration.s3embedded.LoopbackCertificate certificate) throws Exception {
        return startIn(baseDir -> EmbeddedS3Proxy.startTls(baseDir, ACCESS_KEY, SECRET_KEY, certificate.keyStore(), certificate.password()));
    }

    private static S3ProxyServer startIn(Starter starter) throws Exception {
        Path baseDir = Files.createTempDirectory("s3proxy-");
        try {
            return new S3ProxyServer(starter.start(baseDir));
        } catch (Exception e) {
            TempDirs.deleteRecursively(baseDir);
            throw e;
        }
    }

    @FunctionalInterface
    private interface Starter {
        EmbeddedS3Proxy start(Path baseDir) throws Exception;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** The directory holding one folder per bucket (what jclouds' filesystem provider writes). */
    public Path baseDir() {
        return server.baseDir();
    }

    public BlobStore blobStore() {
        return server.blobStore();
    }

    public void createBucket(String bucket) {
        server.createBucket(bucket);
    }

    public S3Location location(String bucket, String prefix) {
        return new S3Location(bucket, prefix, "us-east-1", server.endpoint(), true);
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
            server.close();
        } finally {
            TempDirs.deleteRecursively(server.baseDir());
        }
    }
}
