package org.dtrmigration.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.dtrmigration.layout.GeneratedTree;
import org.dtrmigration.layout.ManifestFormat;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;

/**
 * The benchmark's registry tree, from the seeded {@link TreeGenerator}: at scale 1, about 15,000 objects and 3 GiB.
 *
 * <ul>
 *   <li>many small images: {@code 52·scale} repositories × 30 tags, two layers each (one from a pool of 40 shared base
 *       layers), 2–64 KiB: mostly links, as in a real registry;</li>
 *   <li>fewer big images: {@code 12·scale} repositories ({@code big<n>/…}) × 10 tags, one layer of 1–48 MiB each: most
 *       of the bytes, and multipart uploads.</li>
 * </ul>
 */
final class BenchTree {
    private BenchTree() {
    }

    static TreeSpec small(double scale) {
        return new TreeSpec(2024, Math.max(1, (int) Math.round(52 * scale)), 30, 2, 2 * 1024, 64 * 1024, 40, 0, ManifestFormat.DOCKER);
    }

    static TreeSpec big(double scale) {
        return new TreeSpec(4048, Math.max(1, (int) Math.round(12 * scale)), 10, 1, 1024 * 1024, 48 * 1024 * 1024, 0, 0, ManifestFormat.OCI);
    }

    /** Writes both parts; returns the number of distinct blobs and their bytes. */
    static long[] generate(ObjectStore store, double scale) throws IOException {
        GeneratedTree a = TreeGenerator.generate(store, small(scale));
        GeneratedTree b = TreeGenerator.generate(new Renamed(store, RegistryLayout.REPOSITORIES + "org", RegistryLayout.REPOSITORIES + "big"),
                big(scale));
        return new long[] {a.blobs().size() + b.blobs().size(), a.blobBytes() + b.blobBytes()};
    }

    /** Writes repositories under another name prefix, so the second generated tree does not overwrite the first one's tags. */
    private record Renamed(ObjectStore delegate, String from, String to) implements ObjectStore {
        private String map(String key) {
            return key.startsWith(from) ? to + key.substring(from.length()) : key;
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public ObjectListing list(String prefix) throws IOException {
            throw new UnsupportedOperationException("not needed to generate");
        }

        @Override
        public List<String> listChildren(String prefix) {
            throw new UnsupportedOperationException("not needed to generate");
        }

        @Override
        public Optional<ObjectInfo> stat(String key) throws IOException {
            return delegate.stat(map(key)).map(i -> new ObjectInfo(key, i.size(), i.md5Hex()));
        }

        @Override
        public InputStream read(String key) throws IOException {
            return delegate.read(map(key));
        }

        @Override
        public void write(String key, InputStream content, long length, byte[] md5) throws IOException {
            delegate.write(map(key), content, length, md5);
        }

        @Override
        public void delete(String key) throws IOException {
            delegate.delete(map(key));
        }
    }
}
