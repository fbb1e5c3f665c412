package org.dtrmigration.s3embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's {@code keytool}, so that an {@link EmbeddedS3Proxy}
 * can serve https and its clients can trust it: the key store for the server, a trust store for Java clients
 * ({@code javax.net.ssl.trustStore}) and the PEM certificate for other tools (rclone's {@code --ca-cert}).
 *
 * @param keyStore   PKCS12 with the key and certificate
 * @param trustStore PKCS12 with only the certificate
 * @param pem        the certificate, PEM-encoded
 * @param password   the password of both stores (not a secret: the key exists only for a loopback test server)
 */
public record LoopbackCertificate(Path keyStore, Path trustStore, Path pem, String password) {

    private static final String PASSWORD = "loopback-only";

    /** Writes the three files into {@code dir} (created if missing), replacing earlier ones. */
    public static LoopbackCertificate create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        LoopbackCertificate c = new LoopbackCertificate(dir.resolve("s3proxy-key.p12"), dir.resolve("s3proxy-trust.p12"),
                dir.resolve("s3proxy.pem"), PASSWORD);
        for (Path p : List.of(c.keyStore, c.trustStore, c.pem)) {
            Files.deleteIfExists(p);
        }
        keytool("-genkeypair", "-alias", "s3proxy", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "30", "-keystore", c.keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "s3proxy", "-keystore", c.keyStore.toString(), "-storepass", PASSWORD,
                "-file", c.pem.toString());
        keytool("-importcert", "-noprompt", "-alias", "s3proxy", "-file", c.pem.toString(), "-keystore", c.trustStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        return c;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + args[0] + " failed: " + output.strip());
        }
    }
}
