package org.dtrmigration.layout;

import java.util.List;
import java.util.Set;

/** What {@link TreeGenerator} wrote: every tagged image, every distinct blob and their total size. */
public record GeneratedTree(List<WrittenImage> images, Set<Digest> blobs, long blobBytes) {
    public GeneratedTree {
        images = List.copyOf(images);
        blobs = Set.copyOf(blobs);
    }
}
