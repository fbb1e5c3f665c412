package org.dtrmigration.layout;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.dtrmigration.storage.ObjectStore;

/**
 * Writes a deterministic synthetic registry tree (the benchmark and test fixture generator).
 * Image {@code (repo r, tag t)} gets {@code layersPerImage} layers; when a shared pool exists its
 * first layer is pool entry {@code (r + t) % pool}, so blobs are shared across repositories the way
 * base images are in a real registry.
 */
public final class TreeGenerator {

    private TreeGenerator() {
    }

    public static String repositoryName(int index) {
        return String.format(Locale.ROOT, "org%d/repo%04d", index % 8, index);
    }

    public static String tagName(int index) {
        return "v" + index + ".0";
    }

    public static GeneratedTree generate(ObjectStore store, TreeSpec spec) throws IOException {
        RegistryTreeWriter writer = new RegistryTreeWriter(store);
        SplitMix64 sizes = new SplitMix64(SplitMix64.derive(spec.seed(), 0x51_2E5L));
        List<SyntheticImages.Layer> pool = new ArrayList<>(spec.sharedBaseLayers());
        for (int i = 0; i < spec.sharedBaseLayers(); i++) {
            pool.add(SyntheticImages.layer(SplitMix64.derive(spec.seed(), 1, i),
                    sizes.nextInt(spec.minLayerSize(), spec.maxLayerSize())));
        }
        List<WrittenImage> images = new ArrayList<>();
        Set<Digest> blobs = new HashSet<>();
        long bytes = 0;
        for (int r = 0; r < spec.repositories(); r++) {
            String repository = repositoryName(r);
            for (int t = 0; t < spec.tagsPerRepository(); t++) {
                List<SyntheticImages.Layer> layers = new ArrayList<>(spec.layersPerImage());
                for (int l = 0; l < spec.layersPerImage(); l++) {
                    if (l == 0 && !pool.isEmpty()) {
                        layers.add(pool.get((r + t) % pool.size()));
                    } else {
                        layers.add(SyntheticImages.layer(SplitMix64.derive(spec.seed(), 2, r, t, l),
                                sizes.nextInt(spec.minLayerSize(), spec.maxLayerSize())));
                    }
                }
                long imageSeed = SplitMix64.derive(spec.seed(), 3, r, t);
                Image image = SyntheticImages.image(imageSeed, spec.format(), Image.Platform.LINUX_AMD64, layers);
                WrittenImage written = writer.writeImage(repository, tagName(t), image);
                images.add(written);
                bytes += sizeOfNew(blobs, image, written);
            }
            if (r < spec.abandonedUploads()) {
                byte[] partial = SyntheticImages.layer(SplitMix64.derive(spec.seed(), 4, r), spec.minLayerSize()).blob();
                String uploadId = uuidFrom(SplitMix64.derive(spec.seed(), 5, r));
                writer.writeUpload(repository, uploadId, partial, Instant.EPOCH);
            }
        }
        return new GeneratedTree(images, blobs, bytes);
    }

    /** Adds the image's blobs to {@code seen} and returns the bytes of those not seen before. */
    private static long sizeOfNew(Set<Digest> seen, Image image, WrittenImage written) {
        long bytes = 0;
        if (seen.add(Digest.of(image.config()))) {
            bytes += image.config().length;
        }
        for (byte[] layer : image.layers()) {
            if (seen.add(Digest.of(layer))) {
                bytes += layer.length;
            }
        }
        if (seen.add(written.manifest())) {
            bytes += written.manifestSize();
        }
        return bytes;
    }

    private static String uuidFrom(long seed) {
        SplitMix64 r = new SplitMix64(seed);
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }
}
