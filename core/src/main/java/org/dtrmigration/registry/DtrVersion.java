package org.dtrmigration.registry;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DTR/MSR version as reported by {@code /api/v0/docs.json}. Versions 2.8 and later are Mirantis
 * Secure Registry, earlier ones Docker Trusted Registry.
 */
public record DtrVersion(int major, int minor, int patch, String raw) implements Serializable, Comparable<DtrVersion> {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    public enum Product {
        DTR("Docker Trusted Registry", "docker/dtr"),
        MSR("Mirantis Secure Registry", "mirantis/dtr");

        private final String displayName;
        private final String bootstrapperRepository;

        Product(String displayName, String bootstrapperRepository) {
            this.displayName = displayName;
            this.bootstrapperRepository = bootstrapperRepository;
        }

        public String displayName() {
            return displayName;
        }

        public String bootstrapperRepository() {
            return bootstrapperRepository;
        }
    }

    public static DtrVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("version: missing");
        }
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("version: '" + text + "' is not a DTR/MSR version like 2.7.5");
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new DtrVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, text.trim());
    }

    public static DtrVersion of(int major, int minor, int patch) {
        return new DtrVersion(major, minor, patch, major + "." + minor + "." + patch);
    }

    public Product product() {
        return atLeast(2, 8, 0) ? Product.MSR : Product.DTR;
    }

    public boolean atLeast(int maj, int min, int pat) {
        return compareTo(of(maj, min, pat)) >= 0;
    }

    @Override
    public int compareTo(DtrVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return product().name() + " " + major + "." + minor + "." + patch;
    }
}
