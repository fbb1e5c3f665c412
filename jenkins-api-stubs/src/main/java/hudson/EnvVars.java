package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stub of {@code hudson.EnvVars} (jenkins-core). Constructors do nothing (the map stays empty and uses natural key
 * order, unlike the real case-insensitive one); every declared method throws.
 */
public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
    }

    public EnvVars(@NonNull Map<String, String> m) {
    }

    public EnvVars(@NonNull EnvVars m) {
    }

    public EnvVars(String... keyValuePairs) {
    }

    public void override(String key, String value) {
        throw new UnsupportedOperationException();
    }

    public EnvVars overrideAll(Map<String, String> all) {
        throw new UnsupportedOperationException();
    }

    public EnvVars overrideExpandingAll(@NonNull Map<String, String> all) {
        throw new UnsupportedOperationException();
    }

    public String get(String key, String defaultValue) {
        throw new UnsupportedOperationException();
    }

    public void putIfNotNull(String key, String value) {
        throw new UnsupportedOperationException();
    }

    public void putAllNonNull(Map<String, String> map) {
        throw new UnsupportedOperationException();
    }

    public String expand(String s) {
        throw new UnsupportedOperationException();
    }
}
