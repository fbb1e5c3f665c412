package org.dtrmigration.layout;

import java.util.Objects;

/** A content descriptor as manifests spell it: media type, size and digest of a blob. */
public record Descriptor(String mediaType, long size, Digest digest) {
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }

    public static Descriptor of(String mediaType, byte[] content) {
        return new Descriptor(mediaType, content.length, Digest.of(content));
    }
}
