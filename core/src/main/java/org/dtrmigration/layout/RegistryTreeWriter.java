package org.dtrmigration.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;

/**
 * Writes images into a store in the layout docker-registry 2.8 produces for a push: blobs first
 * (with a {@code _layers} link per config and layer blob), then the manifest blob and its revision
 * link, then the tag's index link and finally its current link. At every moment the tree is one
 * a registry could have left, which is the order the copier preserves too.
 */
public final class RegistryTreeWriter {
    private final ObjectStore store;

    public RegistryTreeWriter(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Stores a blob under its sha256 unless it is already there (blobs are content-addressed). */
    public Digest putBlob(byte[] content) throws IOException {
        Digest digest = Digest.of(content);
        String key = RegistryLayout.blobData(digest);
        if (store.stat(key).isEmpty()) {
            store.write(key, content);
        }
        return digest;
    }

    /** Records that the repository may use the blob, as the registry does after a blob upload. */
    public void linkLayer(String repository, Digest blob) throws IOException {
        writeLink(RegistryLayout.layerLink(repository, blob), blob);
    }

    /** Stores a manifest blob and links it into the repository's revisions. */
    public Digest putManifest(String repository, byte[] manifest) throws IOException {
        Digest digest = putBlob(manifest);
        writeLink(RegistryLayout.revisionLink(repository, digest), digest);
        return digest;
    }

    /** Points the tag at a manifest: index link first, then the current link (distribution's order). */
    public void tag(String repository, String tag, Digest manifest) throws IOException {
        writeLink(RegistryLayout.tagIndexLink(repository, tag, manifest), manifest);
        writeLink(RegistryLayout.tagCurrentLink(repository, tag), manifest);
    }

    /** Removes the tag's directory (current link and index), as distribution's tag delete does. */
    public void untag(String repository, String tag) throws IOException {
        List<String> keys = new ArrayList<>();
        try (ObjectListing listing = store.list(RegistryLayout.tagPrefix(repository, tag))) {
            while (listing.hasNext()) {
                ObjectInfo info = listing.next();
                keys.add(info.key());
            }
        }
        for (String key : keys) {
            store.delete(key);
        }
    }

    /** Writes a single-platform image; {@code tag} may be null to push by digest only. */
    public WrittenImage writeImage(String repository, String tag, Image image) throws IOException {
        RegistryLayout.requireRepositoryName(repository);
        if (tag != null) {
            RegistryLayout.requireTagName(tag);
        }
        ManifestFormat format = image.format();
        Set<Digest> blobs = new LinkedHashSet<>();
        Descriptor config = Descriptor.of(format.configType(), image.config());
        putBlob(image.config());
        linkLayer(repository, config.digest());
        blobs.add(config.digest());
        List<Descriptor> layers = new ArrayList<>(image.layers().size());
        for (byte[] layer : image.layers()) {
            Descriptor d = Descriptor.of(format.layerType(), layer);
            putBlob(layer);
            linkLayer(repository, d.digest());
            layers.add(d);
            blobs.add(d.digest());
        }
        byte[] manifest = Manifests.image(format, config, layers);
        Digest digest = putManifest(repository, manifest);
        blobs.add(digest);
        if (tag != null) {
            tag(repository, tag, digest);
        }
        return new WrittenImage(repository, tag, digest, format.manifestType(), manifest.length, blobs);
    }

    /**
     * Writes a multi-platform image: each platform's image by digest, then a manifest list (Docker)
     * or index (OCI) naming them, tagged unless {@code tag} is null. All platforms must share a format.
     */
    public WrittenImage writeIndex(String repository, String tag, List<Image> platforms) throws IOException {
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one platform image");
        }
        ManifestFormat format = platforms.get(0).format();
        Set<Digest> blobs = new LinkedHashSet<>();
        List<Manifests.PlatformManifest> entries = new ArrayList<>();
        for (Image image : platforms) {
            if (image.format() != format) {
                throw new IllegalArgumentException("all platform images of an index must use " + format);
            }
            WrittenImage child = writeImage(repository, null, image);
            blobs.addAll(child.blobs());
            entries.add(new Manifests.PlatformManifest(child.descriptor(), image.platform()));
        }
        byte[] index = Manifests.index(format, entries);
        Digest digest = putManifest(repository, index);
        blobs.add(digest);
        if (tag != null) {
            tag(repository, tag, digest);
        }
        return new WrittenImage(repository, tag, digest, format.indexType(), index.length, blobs);
    }

    /**
     * Leaves an upload behind, as an interrupted push does: {@code data}, {@code startedat} and a
     * hash state. Copiers skip these; tests use them to prove it.
     */
    public void writeUpload(String repository, String uploadId, byte[] partialData, Instant startedAt) throws IOException {
        store.write(RegistryLayout.upload(repository, uploadId, "data"), partialData);
        store.write(RegistryLayout.upload(repository, uploadId, "startedat"),
                startedAt.toString().getBytes(StandardCharsets.US_ASCII));
        store.write(RegistryLayout.upload(repository, uploadId, "hashstates/sha256/" + partialData.length),
                new byte[] {0x73, 0x68, 0x61, 0x03}); // opaque marshalled hash state; content is never read back
    }

    private void writeLink(String key, Digest digest) throws IOException {
        store.write(key, RegistryLayout.linkContent(digest));
    }
}
