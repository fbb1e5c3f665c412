package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dtrmigration.storage.StorageLocation;

/**
 * DTR's storage map in a storage step's {@code from:}/{@code to:}, as a Jenkinsfile may write it
 * ({@code [s3: [bucket:, region:, rootdirectory:]]}, {@code [azure: […]]}, {@code [filesystem: […]]}, optionally inside
 * {@code [storage: …]}), turned into the location URI the step takes. Credential entries of the map are dropped:
 * warnings name them, never their values, and the credentials come from {@code fromCredentialsId}/{@code toCredentialsId}.
 */
final class StorageMaps {

    /** What {@code from:} and {@code to:} accept, for messages. */
    static final String EXPECTED = "a location (file:///path, s3://bucket/prefix?region=…, azure://container/prefix?account=…) "
            + "or DTR's storage map, e.g. [s3: [bucket: 'b', region: 'us-east-1', rootdirectory: 'dtr']]";

    /** Credential entries DTR's storage map may carry. */
    private static final Set<String> SECRET_KEYS = Set.of("accesskey", "secretkey", "accountkey", "sessiontoken", "keyid");

    private static final List<String> PARAMETERS = List.of("from", "to");

    private StorageMaps() {
    }

    /** A step's arguments with each map in {@code from}/{@code to} replaced by its URI, and warnings for the build log. */
    record Converted(Map<String, Object> arguments, List<String> warnings) {
        Converted {
            arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Converts the {@code from}/{@code to} maps of a step's named arguments; text (a URI, or a Groovy string) and absent
     * values pass unchanged, the other arguments too.
     *
     * @throws AbortException naming the parameter, for a map that is not a usable DTR storage configuration or a value
     *                        that is neither text nor a map
     */
    static Converted convert(Map<String, Object> arguments) throws AbortException {
        Map<String, Object> converted = new LinkedHashMap<>(arguments);
        List<String> warnings = new ArrayList<>();
        for (String parameter : PARAMETERS) {
            Object value = arguments.get(parameter);
            if (value instanceof Map<?, ?> map) {
                converted.put(parameter, toUri(parameter, map, warnings));
            } else if (value != null && !(value instanceof CharSequence)) {
                throw new AbortException(parameter + ": expected " + EXPECTED + "; got a " + value.getClass().getSimpleName());
            }
        }
        return new Converted(converted, warnings);
    }

    /** The URI of the location a DTR storage map names; adds a warning per credential entry it ignores. */
    static String toUri(String parameter, Map<?, ?> map, List<String> warnings) throws AbortException {
        secrets(parameter, map, warnings);
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> config = (Map<String, ?>) map;
            return StorageLocation.fromDtrConfig(config, parameter).toUri();
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    private static void secrets(String parameter, Map<?, ?> map, List<String> warnings) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> inner) {
                secrets(parameter, inner, warnings);
            } else if (SECRET_KEYS.contains(String.valueOf(e.getKey()).toLowerCase(Locale.ROOT))) {
                warnings.add("WARNING: " + parameter + ": the storage map's '" + e.getKey() + "' is ignored: keep secrets in "
                        + "Jenkins credentials and pass " + parameter + "CredentialsId");
            }
        }
    }
}
