package org.dtrmigration.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtrmigration.layout.Descriptor;
import org.dtrmigration.layout.Image;
import org.dtrmigration.layout.ManifestFormat;
import org.dtrmigration.layout.Manifests;

/** Writes an OCI image layout directory (what skopeo pushes from) holding tagged images. */
final class OciLayout {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final ArrayNode manifests = JSON.createArrayNode();

    OciLayout(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    Path dir() {
        return dir;
    }

    /** Adds an image under {@code tag}; returns the manifest's digest as the registry will report it. */
    String add(String tag, Image image) throws IOException {
        ManifestFormat format = ManifestFormat.OCI;
        Descriptor config = blob(format.configType(), image.config());
        List<Descriptor> layers = new ArrayList<>();
        for (byte[] layer : image.layers()) {
            layers.add(blob(format.layerType(), layer));
        }
        byte[] manifest = Manifests.image(format, config, layers);
        Descriptor m = blob(format.manifestType(), manifest);
        ObjectNode entry = manifests.addObject();
        entry.put("mediaType", m.mediaType());
        entry.put("digest", m.digest().toString());
        entry.put("size", m.size());
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.set("manifests", manifests);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        return m.digest().toString();
    }

    private Descriptor blob(String mediaType, byte[] content) throws IOException {
        Descriptor d = Descriptor.of(mediaType, content);
        Path path = dir.resolve("blobs/sha256/" + d.digest().hex());
        if (!Files.exists(path)) {
            Files.write(path, content);
        }
        return d;
    }
}
