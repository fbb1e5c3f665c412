package org.dtrmigration.bootstrapper;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dtrmigration.registry.DtrVersion;

/**
 * The bootstrapper image to run, e.g. {@code docker/dtr:2.7.5} or {@code mirantis/dtr:2.9.4}, or the
 * same from a mirror ({@code registry.example.com/docker/dtr:2.7.5}). The tag must be an exact
 * version: the bootstrapper must be the version of the DTR it works on, and a restore must use the
 * version that made the backup.
 */
public record BootstrapperImage(String repository, String tag, DtrVersion version) implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern REFERENCE = Pattern.compile(
            "((?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*dtr):(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?)");

    public BootstrapperImage {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Parses an image reference.
     *
     * @param parameter the step parameter or option it came from, for messages
     */
    public static BootstrapperImage parse(String text, String parameter) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(parameter + ": required, the bootstrapper image, e.g. docker/dtr:2.7.5");
        }
        Matcher m = REFERENCE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(parameter + ": '" + text.strip() + "' is not a DTR/MSR bootstrapper image with an"
                    + " exact version tag, e.g. docker/dtr:2.7.5 or mirantis/dtr:2.9.4");
        }
        DtrVersion version = DtrVersion.parse(m.group(2));
        VersionLine.of(version, parameter);
        return new BootstrapperImage(m.group(1), m.group(2), version);
    }

    /** The image the product publishes for a version ({@code docker/dtr} up to 2.7, {@code mirantis/dtr} after). */
    public static BootstrapperImage forVersion(DtrVersion version) {
        String tag = version.major() + "." + version.minor() + "." + version.patch();
        return new BootstrapperImage(version.product().bootstrapperRepository(), tag, DtrVersion.parse(tag));
    }

    public VersionLine line() {
        return VersionLine.of(version, "image");
    }

    /** {@code major.minor.patch}, the form backups carry in their {@code dtr-backup-v…} prefix. */
    public String versionText() {
        return version.major() + "." + version.minor() + "." + version.patch();
    }

    public String reference() {
        return repository + ":" + tag;
    }

    @Override
    public String toString() {
        return reference();
    }
}
