package org.dtrmigration.layout;

import java.util.Objects;

/**
 * Shape of a synthetic registry tree for {@link TreeGenerator}. The same spec always produces the
 * same bytes.
 *
 * @param seed              root of every pseudo-random choice
 * @param repositories      number of repositories, named {@code org<i%8>/repo<i>} (names contain '/')
 * @param tagsPerRepository tags per repository, each a distinct image
 * @param layersPerImage    layers per image, the first one drawn from the shared pool when there is one
 * @param minLayerSize      smallest layer payload in bytes
 * @param maxLayerSize      largest layer payload in bytes
 * @param sharedBaseLayers  size of a pool of base layers shared across repositories (0: none)
 * @param abandonedUploads  abandoned {@code _uploads} entries to leave in the first repositories
 * @param format            Docker or OCI media types
 */
public record TreeSpec(long seed, int repositories, int tagsPerRepository, int layersPerImage,
                       int minLayerSize, int maxLayerSize, int sharedBaseLayers, int abandonedUploads,
                       ManifestFormat format) {

    public TreeSpec {
        requireNonNegative(repositories, "repositories");
        requireNonNegative(tagsPerRepository, "tagsPerRepository");
        requireNonNegative(minLayerSize, "minLayerSize");
        requireNonNegative(sharedBaseLayers, "sharedBaseLayers");
        requireNonNegative(abandonedUploads, "abandonedUploads");
        if (layersPerImage < 1) {
            throw new IllegalArgumentException("layersPerImage must be at least 1: " + layersPerImage);
        }
        if (maxLayerSize < minLayerSize) {
            throw new IllegalArgumentException("maxLayerSize (" + maxLayerSize + ") < minLayerSize (" + minLayerSize + ")");
        }
        Objects.requireNonNull(format, "format");
    }

    private static void requireNonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    /** A few KiB per layer: quick trees for unit tests. */
    public static TreeSpec small(long seed) {
        return new TreeSpec(seed, 3, 2, 3, 256, 4096, 2, 1, ManifestFormat.DOCKER);
    }

    public TreeSpec withRepositories(int n) {
        return new TreeSpec(seed, n, tagsPerRepository, layersPerImage, minLayerSize, maxLayerSize, sharedBaseLayers, abandonedUploads, format);
    }

    public TreeSpec withTagsPerRepository(int n) {
        return new TreeSpec(seed, repositories, n, layersPerImage, minLayerSize, maxLayerSize, sharedBaseLayers, abandonedUploads, format);
    }

    public TreeSpec withLayersPerImage(int n) {
        return new TreeSpec(seed, repositories, tagsPerRepository, n, minLayerSize, maxLayerSize, sharedBaseLayers, abandonedUploads, format);
    }

    public TreeSpec withLayerSizes(int min, int max) {
        return new TreeSpec(seed, repositories, tagsPerRepository, layersPerImage, min, max, sharedBaseLayers, abandonedUploads, format);
    }

    public TreeSpec withSharedBaseLayers(int n) {
        return new TreeSpec(seed, repositories, tagsPerRepository, layersPerImage, minLayerSize, maxLayerSize, n, abandonedUploads, format);
    }

    public TreeSpec withAbandonedUploads(int n) {
        return new TreeSpec(seed, repositories, tagsPerRepository, layersPerImage, minLayerSize, maxLayerSize, sharedBaseLayers, n, format);
    }

    public TreeSpec withFormat(ManifestFormat f) {
        return new TreeSpec(seed, repositories, tagsPerRepository, layersPerImage, minLayerSize, maxLayerSize, sharedBaseLayers, abandonedUploads, f);
    }
}
