package org.dtrmigration.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.registry.ClientOptions;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.registry.TlsOptions;
import org.dtrmigration.secret.Secret;
import picocli.CommandLine.Option;

/** The connection options every DTR command shares. Credentials come from the environment only. */
final class DtrOptions {

    @Option(names = "--url", required = true, paramLabel = "URL", description = "DTR/MSR URL, e.g. https://dtr.example.com")
    String url;

    @Option(names = "--ca-bundle", paramLabel = "FILE", description = "PEM file with the CA certificate(s) that signed DTR's certificate.")
    Path caBundle;

    @Option(names = "--insecure", description = "Do not verify DTR's TLS certificate (logged loudly; for labs only).")
    boolean insecure;

    DtrClient connect(Map<String, String> env, EventSink events) throws IOException {
        String username = env.get("DTR_USERNAME");
        String token = env.get("DTR_TOKEN");
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("DTR_USERNAME: set it in the environment to a DTR/MSR administrator's name");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("DTR_TOKEN: set it in the environment to an access token of user '" + username + "'");
        }
        String pem = null;
        if (caBundle != null) {
            try {
                pem = Files.readString(caBundle);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--ca-bundle: no such file " + caBundle);
            }
        }
        TlsOptions tls;
        try {
            tls = new TlsOptions(pem, insecure);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ca-bundle: " + caBundle + " holds no PEM certificate");
        }
        DtrEndpoint endpoint;
        try {
            endpoint = new DtrEndpoint(DtrEndpoint.parseUrl("--url", url), username, Secret.of(token), tls);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("url:") ? "--url:" + m.substring(4) : m);
        }
        return new DtrClient(endpoint, ClientOptions.defaults(), events);
    }
}
