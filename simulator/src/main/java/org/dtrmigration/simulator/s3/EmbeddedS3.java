package org.dtrmigration.simulator.s3;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.dtrmigration.s3embedded.EmbeddedS3Proxy;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;

/**
 * A real S3 server in this JVM for rehearsals: {@link EmbeddedS3Proxy} under a directory, with freshly
 * generated keys (never printed), seen through our storage types.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final EmbeddedS3Proxy server;
    private final S3Credentials.AccessKey credentials;

    private EmbeddedS3(EmbeddedS3Proxy server, S3Credentials.AccessKey credentials) {
        this.server = server;
        this.credentials = credentials;
    }

    /** Starts a server keeping its buckets under {@code baseDir}. */
    public static EmbeddedS3 start(Path baseDir) throws Exception {
        byte[] key = new byte[20];
        new SecureRandom().nextBytes(key);
        String accessKey = "rehearsal" + HexFormat.of().formatHex(key, 0, 6);
        String secretKey = HexFormat.of().formatHex(key);
        EmbeddedS3Proxy server = EmbeddedS3Proxy.start(baseDir, accessKey, secretKey);
        return new EmbeddedS3(server, S3Credentials.of(accessKey, Secret.of(secretKey)));
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public void createBucket(String bucket) {
        server.createBucket(bucket);
    }

    public S3Location location(String bucket, String prefix) {
        return new S3Location(bucket, prefix, "us-east-1", server.endpoint(), true);
    }

    public S3Credentials.AccessKey credentials() {
        return credentials;
    }

    @Override
    public void close() {
        server.close();
    }
}
