package org.dtrmigration.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dtrmigration.storage.S3Location;

/**
 * Debian's docker-registry (distribution 2.8.2, the registry inside DTR) serving one storage backend
 * on loopback. Writes the exact storage layout DTR's registry writes.
 */
final class RealRegistry implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private RealRegistry(Path workDir, String storageYaml, boolean readOnly) throws IOException, InterruptedException {
        Path binary = Tools.require("docker-registry");
        this.port = freePort();
        Files.createDirectories(workDir);
        Path config = workDir.resolve("config-" + port + ".yml");
        String yaml = "version: 0.1\n"
                + "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
                + "storage:\n" + storageYaml
                + "  delete:\n    enabled: true\n"
                + "  maintenance:\n    uploadpurging:\n      enabled: false\n"
                + "    readonly:\n      enabled: " + readOnly + "\n"
                + "  redirect:\n    disable: true\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n";
        Files.writeString(config, yaml);
        try {
            Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the file is in a test temp dir anyway
        }
        this.log = workDir.resolve("registry-" + port + ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(binary.toString(), "serve", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The S3 endpoint is plain HTTP on loopback; a CA bundle or keys from the machine's
        // environment would only make the Go SDK refuse to start or talk to the wrong account.
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        this.process = pb.start();
        awaitReady();
    }

    static RealRegistry onFilesystem(Path workDir, Path root, boolean readOnly) throws IOException, InterruptedException {
        return new RealRegistry(workDir, "  filesystem:\n    rootdirectory: " + root.toAbsolutePath() + "\n", readOnly);
    }

    static RealRegistry onS3(Path workDir, S3Location location, String accessKey, String secretKey)
            throws IOException, InterruptedException {
        String root = location.prefix().isEmpty() ? "" : "    rootdirectory: /" + location.prefix() + "\n";
        return new RealRegistry(workDir, "  s3:\n"
                + "    region: " + location.region() + "\n"
                + "    regionendpoint: " + location.endpoint() + "\n"
                + "    bucket: " + location.bucket() + "\n"
                + root
                + "    accesskey: " + accessKey + "\n"
                + "    secretkey: " + secretKey + "\n"
                + "    secure: false\n"
                + "    v4auth: true\n", false);
    }

    String hostPort() {
        return "127.0.0.1:" + port;
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        URI v2 = URI.create("http://" + hostPort() + "/v2/");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) v2.toURL().openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("docker-registry did not start within 30 s: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
