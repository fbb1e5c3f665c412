package org.dtrmigration.copy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.Utf8Order;

/**
 * Splits {@code docker/registry/v2/} into disjoint parts that can be listed and merged independently and in
 * parallel: one per blob directory ({@code blobs/sha256/00/} .. {@code ff/}), one per second-level directory of
 * {@code repositories/} (DTR's {@code namespace/repository}), one per other directory, and single keys for loose
 * objects. The parts come from delimiter listings of both sides, united, so they cover every key of either side
 * exactly once, whatever the tree holds. A repository never spans two parts: a namespace directory that is itself a
 * repository (single-level names, {@code _layers/} right below it) stays one part.
 *
 * <p>Why repositories and not namespaces: a namespace can hold thousands of keys, and some S3-compatible servers
 * (S3Proxy's filesystem backend among them) read every key under the prefix for each page of a listing, so a part
 * of many pages costs pages × keys; per-repository parts are mostly one page each, and list in parallel.
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
    static Partition discover(ObjectStore source, ObjectStore destination, Shard shard, Retries retries, Executor executor)
            throws IOException {
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
                // One delimiter listing per namespace and side: many namespaces are common, so list them in parallel.
                List<CompletableFuture<List<Part>>> namespaces = new ArrayList<>();
                for (String namespace : children(source, destination, REPOSITORIES, retries)) {
                    if (!isDirectory(namespace)) {
                        namespaces.add(CompletableFuture.completedFuture(List.of(new Part(namespace, true))));
                    } else {
                        namespaces.add(CompletableFuture.supplyAsync(() -> {
                            try {
                                List<String> children = children(source, destination, namespace, retries);
                                // A single-level repository ("ubuntu": _layers/, _manifests/ right below) stays one part:
                                // its links and tags must be ordered by one sequencer.
                                if (children.stream().anyMatch(child -> child.substring(namespace.length()).startsWith("_"))) {
                                    return List.of(new Part(namespace, false));
                                }
                                return children.stream().map(child -> new Part(child, !isDirectory(child))).toList();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }, executor));
                    }
                }
                for (CompletableFuture<List<Part>> namespace : namespaces) {
                    otherParts.addAll(join(namespace));
                }
            } else {
                otherParts.add(new Part(top, !isDirectory(top)));
            }
        }
        return new Partition(List.copyOf(blobParts), List.copyOf(otherParts));
    }

    private static <T> T join(CompletableFuture<T> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
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
