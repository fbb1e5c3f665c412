package org.dtrmigration.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.dtrmigration.bootstrapper.BootstrapperImage;
import org.dtrmigration.bootstrapper.ProcessBuilderRunner;
import org.dtrmigration.bootstrapper.ProcessRunner;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.secret.Secret;
import picocli.CommandLine.Option;

/**
 * What every bootstrapper command needs besides the DTR connection: UCP/MKE, the replica, the image
 * and the docker client. The UCP password comes from {@code UCP_PASSWORD} in the environment only.
 */
final class BootstrapperOptions {

    @Option(names = "--ucp-url", required = true, paramLabel = "URL", description = "UCP/MKE URL, e.g. https://ucp.example.com")
    String ucpUrl;

    @Option(names = "--ucp-username", required = true, paramLabel = "USER", description = "A UCP/MKE administrator.")
    String ucpUsername;

    @Option(names = "--ucp-ca-bundle", paramLabel = "FILE", description = "PEM file with UCP/MKE's CA (https://UCP/ca).")
    Path ucpCaBundle;

    @Option(names = "--ucp-insecure-tls", description = "Do not verify UCP/MKE's certificate (for labs only).")
    boolean ucpInsecureTls;

    @Option(names = "--replica-id", required = true, paramLabel = "ID", description = "The DTR replica (12 hex digits).")
    String replicaId;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "Bootstrapper image, e.g. docker/dtr:2.7.5 (default: the one for DTR's version).")
    String image;

    @Option(names = "--docker", defaultValue = "docker", paramLabel = "CMD",
            description = "The docker client to run (default: ${DEFAULT-VALUE}, looked up on PATH).")
    String docker;

    UcpConnection ucp(Map<String, String> env) throws IOException {
        String pem = null;
        if (ucpCaBundle != null) {
            try {
                pem = Files.readString(ucpCaBundle);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--ucp-ca-bundle: no such file " + ucpCaBundle);
            }
        }
        String password = env.get("UCP_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("UCP_PASSWORD: set it in the environment to the password of UCP/MKE user '"
                    + ucpUsername + "'");
        }
        return new UcpConnection(ucpUrl, ucpUsername, Secret.of(password), pem, ucpInsecureTls);
    }

    BootstrapperImage image() {
        return image == null ? null : BootstrapperImage.parse(image, "image");
    }

    ProcessRunner runner(Map<String, String> env) {
        return new ProcessBuilderRunner(env);
    }
}
