package org.dtrmigration.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a rehearsal's procedure runs against, embedded or real: the working directory, the old and new
 * storage, the DTR options every DTR command takes ({@code --url} …), the extra options of the
 * bootstrapper commands ({@code --ucp-url} …), and the environment holding the credentials.
 */
record RehearsalTarget(Path work, String from, String to, List<String> dtrOptions, List<String> bootstrapperOptions,
                       Map<String, String> env) {
    RehearsalTarget {
        dtrOptions = List.copyOf(dtrOptions);
        bootstrapperOptions = List.copyOf(bootstrapperOptions);
        env = Map.copyOf(env);
    }

    /** The DTR URL, for the report. */
    String url() {
        return dtrOptions.get(dtrOptions.indexOf("--url") + 1);
    }

    @Override
    public String toString() {
        return "RehearsalTarget[" + url() + ", from " + from + ", to " + to + "]"; // never the environment
    }
}
