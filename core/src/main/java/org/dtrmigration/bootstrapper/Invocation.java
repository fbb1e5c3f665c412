package org.dtrmigration.bootstrapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dtrmigration.secret.Secret;

/**
 * A rendered process: its argument vector and the environment variables to add. Secrets are only in
 * {@link #environment()}, as {@link Secret}s; {@link #display()} and {@link #toString()} are safe to log.
 *
 * @param readsStdin   the process expects a file on stdin (restore)
 * @param writesStdout the process writes its result on stdout (backup)
 */
public record Invocation(List<String> argv, Map<String, Secret> environment, boolean readsStdin, boolean writesStdout) {

    public Invocation {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(environment, "environment")));
    }

    /** The secrets this invocation carries, for scrubbing process output. */
    public List<Secret> secrets() {
        return List.copyOf(environment.values());
    }

    /** The command line for the log: PEM arguments shortened, environment by name only. */
    public String display() {
        List<String> shown = new ArrayList<>();
        for (String arg : argv) {
            if (arg.contains("-----BEGIN")) {
                shown.add("'<PEM>'");
            } else if (arg.isEmpty() || arg.chars().anyMatch(c -> " '\"$\\`\t\n".indexOf(c) >= 0)) {
                shown.add("'" + arg.replace("'", "'\\''") + "'");
            } else {
                shown.add(arg);
            }
        }
        String line = String.join(" ", shown);
        return environment.isEmpty() ? line : line + "   (environment: " + String.join(", ", environment.keySet()) + ")";
    }

    @Override
    public String toString() {
        return display();
    }
}
