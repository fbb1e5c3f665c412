package org.dtrmigration.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.StorageLocation;
import picocli.CommandLine.Option;

/**
 * The options of a rehearsal on real (staging) endpoints: the same names and meanings as the DTR,
 * bootstrapper and copy commands take, so a rehearsed command line carries over. Credentials come
 * from the environment only, as for those commands.
 */
final class RealEndpointOptions {

    static final String CONFIRM = "--i-understand-this-changes-the-registry";

    @Option(names = "--url", paramLabel = "URL",
            description = "Rehearse on this real (staging) DTR/MSR instead of the simulator; DTR_USERNAME, DTR_TOKEN and UCP_PASSWORD from the environment.")
    String url;

    @Option(names = "--ca-bundle", paramLabel = "FILE", description = "With --url: PEM file with the CA that signed DTR's certificate.")
    Path caBundle;

    @Option(names = "--insecure", description = "With --url: do not verify DTR's TLS certificate (for labs only).")
    boolean insecure;

    @Option(names = "--from", paramLabel = "LOCATION", description = "With --url: the DTR's current storage, as copy --from takes it (never written).")
    String from;

    @Option(names = "--to", paramLabel = "LOCATION", description = "With --url: the new storage, as copy --to takes it.")
    String to;

    @Option(names = "--ucp-url", paramLabel = "URL", description = "With --url: UCP/MKE URL.")
    String ucpUrl;

    @Option(names = "--ucp-username", paramLabel = "USER", description = "With --url: a UCP/MKE administrator.")
    String ucpUsername;

    @Option(names = "--ucp-ca-bundle", paramLabel = "FILE", description = "With --url: PEM file with UCP/MKE's CA.")
    Path ucpCaBundle;

    @Option(names = "--ucp-insecure-tls", description = "With --url: do not verify UCP/MKE's certificate (for labs only).")
    boolean ucpInsecureTls;

    @Option(names = "--replica-id", paramLabel = "ID", description = "With --url: the DTR replica the bootstrapper works on.")
    String replicaId;

    @Option(names = "--image", paramLabel = "IMAGE", description = "With --url: bootstrapper image (default: the one for DTR's version).")
    String image;

    @Option(names = "--docker", paramLabel = "CMD", description = "With --url: the docker client (default: docker on PATH).")
    String docker;

    @Option(names = CONFIRM,
            description = "With --url: required. The rehearsal really runs read-only, backup, destroy + restore or reconfigure, and online GC on that DTR.")
    boolean confirmed;

    boolean given() {
        return url != null;
    }

    /**
     * Checks everything that can be checked before the first command touches the registry, so that a
     * missing option or variable is a usage error and not a half-done migration.
     */
    void check(Map<String, String> env) {
        if (!confirmed) {
            throw new IllegalArgumentException(CONFIRM + ": required with --url: the rehearsal really changes " + url
                    + " (read-only, backup, destroy + restore or reconfigure onto the new storage, online GC); "
                    + "rehearse on a staging DTR/MSR, never on production");
        }
        DtrEndpoint.parseUrl("--url", url);
        require(from, "--from", "the DTR's current storage, e.g. file:///var/lib/docker/volumes/dtr-registry-REPLICA/_data");
        require(to, "--to", "the new storage, e.g. s3://BUCKET/dtr?region=eu-west-1");
        require(ucpUrl, "--ucp-url", "the UCP/MKE URL");
        require(ucpUsername, "--ucp-username", "a UCP/MKE administrator");
        require(replicaId, "--replica-id", "the DTR replica (12 hex digits)");
        for (String variable : List.of("DTR_USERNAME", "DTR_TOKEN", "UCP_PASSWORD")) {
            String v = env.get(variable);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(variable + ": set it in the environment (a rehearsal on real endpoints needs "
                        + "DTR_USERNAME, DTR_TOKEN and UCP_PASSWORD)");
            }
        }
        StorageLocation old = StorageLocation.parse(from, "--from");
        StorageLocation next = StorageLocation.parse(to, "--to");
        if (old.toUri().equals(next.toUri())) {
            throw new IllegalArgumentException("--to: the new storage is the current one (" + old.toUri() + ")");
        }
        EnvironmentCredentials credentials = new EnvironmentCredentials(env);
        credentials.resolve(old, "--from");
        credentials.resolve(next, "--to");
        for (Path pem : new Path[] {caBundle, ucpCaBundle}) {
            if (pem != null && !Files.isReadable(pem)) {
                throw new IllegalArgumentException((pem == caBundle ? "--ca-bundle" : "--ucp-ca-bundle") + ": no such file " + pem);
            }
        }
    }

    /** The target for the procedures, after {@link #check}. */
    RehearsalTarget target(Path work, Map<String, String> env) {
        check(env);
        List<String> dtr = new ArrayList<>(List.of("--url", url));
        if (caBundle != null) {
            dtr.addAll(List.of("--ca-bundle", caBundle.toString()));
        }
        if (insecure) {
            dtr.add("--insecure");
        }
        List<String> bootstrapper = new ArrayList<>(List.of("--ucp-url", ucpUrl, "--ucp-username", ucpUsername,
                "--replica-id", replicaId));
        if (ucpCaBundle != null) {
            bootstrapper.addAll(List.of("--ucp-ca-bundle", ucpCaBundle.toString()));
        }
        if (ucpInsecureTls) {
            bootstrapper.add("--ucp-insecure-tls");
        }
        if (image != null) {
            bootstrapper.addAll(List.of("--image", image));
        }
        if (docker != null) {
            bootstrapper.addAll(List.of("--docker", docker));
        }
        return new RehearsalTarget(work, from, to, dtr, bootstrapper, env);
    }

    private static void require(String value, String option, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + ": required with --url: " + what);
        }
    }

    /** The options that only a rehearsal on real endpoints takes, for refusing them without --url. */
    static final List<String> NAMES = List.of("--ca-bundle", "--insecure", "--from", "--to", "--ucp-url", "--ucp-username",
            "--ucp-ca-bundle", "--ucp-insecure-tls", "--replica-id", "--image", "--docker", CONFIRM);
}
