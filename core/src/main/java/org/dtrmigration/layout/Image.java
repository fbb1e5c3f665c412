package org.dtrmigration.layout;

import java.util.List;
import java.util.Objects;

/**
 * The blobs of one single-platform image, ready to be written: the config JSON and the compressed
 * layer blobs in order. The manifest is derived from them when the image is written. Byte arrays
 * are not copied: callers hand over ownership and must not change them afterwards.
 */
public record Image(ManifestFormat format, Platform platform, byte[] config, List<byte[]> layers) {

    public Image {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
    }

    /** The platform an image is for, as named in a manifest list / index. */
    public record Platform(String os, String architecture) {
        public static final Platform LINUX_AMD64 = new Platform("linux", "amd64");

        public Platform {
            Objects.requireNonNull(os, "os");
            Objects.requireNonNull(architecture, "architecture");
        }
    }
}
