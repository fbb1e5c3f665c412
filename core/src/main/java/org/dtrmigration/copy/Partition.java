package org.dtrmigration.copy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.Utf8Order;

/**
 * Splits {@code docker/registry/v2/} into disjoint parts that can be listed and merged independently and in
 * parallel: one per blob directory ({@code blobs/sha256/00/} .. {@code ff/}), one per top-level directory of
 * {@code repositories/} (DTR's namespaces), one per other directory, and single keys for loose objects. The
 * parts come from delimiter listings of both sides, united, so they cover every key of either side exactly
 * once, whatever the tree holds.
 *
 * @param blobParts  parts under {@code blobs/}: copied first
 * @param otherParts everything else (repositories, stray objects): copied after the blobs they point at
 */
record Partition(List<Part> blobParts, List<Part> otherParts) {

    /**
     * A prefix (ending with '/') to list, or a single key (an object directly under a split level).
     */
    record Part(String prefix, boolean singleKey) {
        @Override
        public String toString() {
            return singleKey ? prefix : prefix + "*";
        }
    }

    static final String BLOBS = RegistryLayout.BLOBS;
    static final String REPOSITORIES = RegistryLayout.REPOSITORIES;

    /** Discovers the parts from both sides' delimiter listings; blob directories outside the shard are left out. */
    static Partition discover(ObjectStore source, ObjectStore destination, Shard shard, Retries retries) throws IOException {
        List<Part> blobParts = new ArrayList<>();
        List<Part> otherParts = new ArrayList<>();
        for (String top : children(source, destination, RegistryLayout.ROOT, retries)) {
            if (top.equals(BLOBS)) {
                for (String algorithm : children(source, destination, BLOBS, retries)) {
                    if (!isDirectory(algorithm)) {
                        blobParts.add(new Part(algorithm, true));
                        continue;
                    }
                    for (String dir : children(source, destination, algorithm, retries)) {
                        if (!isDirectory(dir)) {
                            blobParts.add(new Part(dir, true));
                        } else if (shard.ownsBlobDirectory(dir.substring(algorithm.length(), dir.length() - 1))) {
                            blobParts.add(new Part(dir, false));
                        }
                    }
                }
            } else if (top.equals(REPOSITORIES)) {
                for (String namespace : children(source, destination, REPOSITORIES, retries)) {
                    otherParts.add(new Part(namespace, !isDirectory(namespace)));
                }
            } else {
                otherParts.add(new Part(top, !isDirectory(top)));
            }
        }
        return new Partition(List.copyOf(blobParts), List.copyOf(otherParts));
    }

    private static boolean isDirectory(String entry) {
        return entry.endsWith("/");
    }

    /** The union of both sides' children, in UTF-8 order. */
    static List<String> children(ObjectStore source, ObjectStore destination, String prefix, Retries retries) throws IOException {
        TreeSet<String> union = new TreeSet<>(Utf8Order.COMPARATOR);
        union.addAll(retries.get(() -> source.listChildren(prefix)));
        union.addAll(retries.get(() -> destination.listChildren(prefix)));
        return new ArrayList<>(union);
    }
}
