package org.dtrmigration.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Renders image manifests and manifest lists / OCI indexes as compact, deterministic JSON. */
public final class Manifests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /** A single-platform manifest naming its config and layers. */
    public static byte[] image(ManifestFormat format, Descriptor config, List<Descriptor> layers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", format.manifestType());
        root.set("config", descriptor(config));
        ArrayNode array = root.putArray("layers");
        layers.forEach(l -> array.add(descriptor(l)));
        return write(root);
    }

    /** A manifest list (Docker) or index (OCI) naming one manifest per platform. */
    public static byte[] index(ManifestFormat format, List<PlatformManifest> manifests) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", format.indexType());
        ArrayNode array = root.putArray("manifests");
        for (PlatformManifest m : manifests) {
            ObjectNode node = descriptor(m.descriptor());
            ObjectNode platform = node.putObject("platform");
            platform.put("architecture", m.platform().architecture());
            platform.put("os", m.platform().os());
            array.add(node);
        }
        return write(root);
    }

    /** One entry of an index: the child manifest and the platform it serves. */
    public record PlatformManifest(Descriptor descriptor, Image.Platform platform) {
    }

    private static ObjectNode descriptor(Descriptor d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", d.mediaType());
        node.put("size", d.size());
        node.put("digest", d.digest().toString());
        return node;
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a JSON tree we built ourselves", e);
        }
    }
}
