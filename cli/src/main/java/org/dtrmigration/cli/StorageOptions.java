package org.dtrmigration.cli;

import java.util.Map;
import org.dtrmigration.copy.Endpoint;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.StorageLocation;
import picocli.CommandLine.Option;

/** The two storage locations of copy and verify. Credentials come from the environment only. */
final class StorageOptions {

    @Option(names = "--from", required = true, paramLabel = "LOCATION",
            description = "The registry root to copy from (never written): file:///path, s3://BUCKET/prefix?region=…&endpoint=…, "
                    + "azure://CONTAINER/prefix?account=…|endpoint=…")
    String from;

    @Option(names = "--to", required = true, paramLabel = "LOCATION", description = "The registry root to copy to (same forms).")
    String to;

    Endpoint from(Map<String, String> env) {
        return endpoint("--from", from, env);
    }

    Endpoint to(Map<String, String> env) {
        return endpoint("--to", to, env);
    }

    private static Endpoint endpoint(String option, String text, Map<String, String> env) {
        StorageLocation location = StorageLocation.parse(text, option);
        return new Endpoint(option, location, new EnvironmentCredentials(env).resolve(location, option));
    }

    static int concurrency(int value) {
        if (value < 1 || value > 1024) {
            throw new IllegalArgumentException("--concurrency: must be between 1 and 1024, got " + value);
        }
        return value;
    }
}
