package org.dtrmigration.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deterministic, real images: every layer is a gzip'd tar holding one file of pseudo-random bytes
 * derived from a seed, and the config carries the layers' uncompressed digests as {@code diff_ids},
 * so a real registry and real clients accept them. The same seed always gives the same bytes.
 */
public final class SyntheticImages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EPOCH = "1970-01-01T00:00:00Z";

    private SyntheticImages() {
    }

    /** A compressed layer blob and the digest of its uncompressed tar (the config's diff_id). */
    public record Layer(byte[] blob, Digest diffId) {
        public Layer {
            Objects.requireNonNull(blob, "blob");
            Objects.requireNonNull(diffId, "diffId");
        }
    }

    /**
     * A layer whose tar holds one file of {@code payloadSize} seeded random bytes; the blob is
     * about {@code payloadSize} + 1.1 KiB (tar headers, stored-deflate framing).
     */
    public static Layer layer(long seed, int payloadSize) {
        if (payloadSize < 0) {
            throw new IllegalArgumentException("payloadSize must not be negative: " + payloadSize);
        }
        byte[] payload = new byte[payloadSize];
        new SplitMix64(seed).nextBytes(payload, 0, payloadSize);
        byte[] tar = TarGz.tar("layer/" + Long.toHexString(seed) + ".bin", payload);
        return new Layer(TarGz.gzipStored(tar), Digest.of(tar));
    }

    /** An image over the given layers; {@code seed} also goes into the config so configs differ. */
    public static Image image(long seed, ManifestFormat format, Image.Platform platform, List<Layer> layers) {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", platform.architecture());
        config.put("os", platform.os());
        config.put("created", EPOCH);
        ObjectNode containerConfig = config.putObject("config");
        containerConfig.putObject("Labels").put("org.dtrmigration.seed", Long.toHexString(seed));
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        List<byte[]> blobs = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            diffIds.add(layer.diffId().toString());
            history.addObject().put("created", EPOCH).put("created_by", "dtr-migration synthetic layer " + i);
            blobs.add(layer.blob());
        }
        try {
            return new Image(format, platform, JSON.writeValueAsBytes(config), blobs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a JSON tree we built ourselves", e);
        }
    }

    /** A linux/amd64 Docker image of {@code layerCount} layers sized in [minSize, maxSize]. */
    public static Image image(long seed, int layerCount, int minSize, int maxSize) {
        SplitMix64 random = new SplitMix64(seed);
        List<Layer> layers = new ArrayList<>(layerCount);
        for (int i = 0; i < layerCount; i++) {
            layers.add(layer(SplitMix64.derive(seed, i), random.nextInt(minSize, maxSize)));
        }
        return image(seed, ManifestFormat.DOCKER, Image.Platform.LINUX_AMD64, layers);
    }
}
