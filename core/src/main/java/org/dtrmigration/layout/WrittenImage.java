package org.dtrmigration.layout;

import java.util.Objects;
import java.util.Set;

/**
 * What {@link RegistryTreeWriter} wrote for one image or index: where it is tagged (null tag when
 * pushed by digest only), its manifest, and every blob it references including the manifest itself
 * (and, for an index, its child manifests and their blobs).
 */
public record WrittenImage(String repository, String tag, Digest manifest, String mediaType, long manifestSize, Set<Digest> blobs) {
    public WrittenImage {
        RegistryLayout.requireRepositoryName(repository);
        if (tag != null) {
            RegistryLayout.requireTagName(tag);
        }
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(mediaType, "mediaType");
        blobs = Set.copyOf(blobs);
    }

    public Descriptor descriptor() {
        return new Descriptor(mediaType, manifestSize, manifest);
    }
}
