package org.dtrmigration.layout;

import java.util.List;
import java.util.Objects;

/**
 * What a manifest references. For an image manifest: its config (null for schema 1, which has
 * none) and layers. For a manifest list / OCI index: its child manifests.
 */
public record ManifestInfo(Digest digest, String mediaType, Digest config, List<Digest> layers, List<Digest> manifests) {
    public ManifestInfo {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        layers = List.copyOf(layers);
        manifests = List.copyOf(manifests);
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }
}
