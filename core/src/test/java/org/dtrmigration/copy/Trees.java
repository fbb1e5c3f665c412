package org.dtrmigration.copy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.GeneratedTree;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeWriter;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.Utf8Order;

/** Registry trees for copy tests: generate, change as a registry would, and snapshot for exact comparison. */
final class Trees {
    private Trees() {
    }

    static GeneratedTree generate(ObjectStore store, TreeSpec spec) throws IOException {
        return TreeGenerator.generate(store, spec);
    }

    /** Every key under docker/registry/v2/ with a hash of its content, in UTF-8 order; _uploads only when asked. */
    static SortedMap<String, String> snapshot(ObjectStore store, boolean withUploads) throws IOException {
        SortedMap<String, String> all = new TreeMap<>(Utf8Order.COMPARATOR);
        try (ObjectListing listing = store.list(RegistryLayout.ROOT)) {
            while (listing.hasNext()) {
                ObjectInfo info = listing.next();
                if (!withUploads && RegistryLayout.classify(info.key()).kind() == RegistryKey.Kind.UPLOAD) {
                    continue;
                }
                all.put(info.key(), info.size() + ":" + Digest.of(store.readAllBytes(info.key())).hex());
            }
        }
        return all;
    }

    static SortedMap<String, String> snapshot(ObjectStore store) throws IOException {
        return snapshot(store, false);
    }

    /** Points an existing tag at another image's manifest (pushing it into the repository first): same 71-byte size. */
    static Digest moveTag(ObjectStore store, String repository, String tag, long seed) throws IOException {
        RegistryTreeWriter writer = new RegistryTreeWriter(store);
        WrittenImage image = writer.writeImage(repository, null, SyntheticImages.image(seed, 2, 300, 900));
        writer.tag(repository, tag, image.manifest());
        return image.manifest();
    }

    static WrittenImage push(ObjectStore store, String repository, String tag, long seed, int layers, int minSize, int maxSize)
            throws IOException {
        return new RegistryTreeWriter(store).writeImage(repository, tag, SyntheticImages.image(seed, layers, minSize, maxSize));
    }

    static void untag(ObjectStore store, String repository, String tag) throws IOException {
        new RegistryTreeWriter(store).untag(repository, tag);
    }

    /** Flips one byte of an object, keeping its size. */
    static void flipByte(ObjectStore store, String key) throws IOException {
        byte[] content = store.readAllBytes(key);
        content[content.length / 2] ^= 0x01;
        store.write(key, content);
    }

    static String text(ObjectStore store, String key) throws IOException {
        return new String(store.readAllBytes(key), StandardCharsets.US_ASCII);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
