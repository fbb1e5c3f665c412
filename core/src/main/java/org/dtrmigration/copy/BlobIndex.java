package org.dtrmigration.copy;

import java.util.Arrays;
import org.dtrmigration.layout.Digest;

/**
 * The set of blobs present on one side, for "does this link point at something" checks: the first 64 bits of
 * each digest in a sorted array, 8 bytes per blob (a million blobs take 8 MB). Digests are uniformly random,
 * so a false "present" needs a 64-bit collision among the tree's blobs: negligible.
 */
final class BlobIndex {
    private long[] values = new long[1024];
    private int size;
    private volatile boolean sorted;

    synchronized void add(Digest digest) {
        if (sorted) {
            throw new IllegalStateException("the index is frozen");
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = prefix(digest);
    }

    /** Sorts; no more additions after this. */
    synchronized BlobIndex freeze() {
        if (!sorted) {
            values = Arrays.copyOf(values, size);
            Arrays.sort(values);
            sorted = true;
        }
        return this;
    }

    boolean contains(Digest digest) {
        if (!sorted) {
            throw new IllegalStateException("freeze the index first");
        }
        return Arrays.binarySearch(values, prefix(digest)) >= 0;
    }

    int size() {
        return size;
    }

    private static long prefix(Digest digest) {
        return Long.parseUnsignedLong(digest.hex().substring(0, 16), 16) ^ digest.algorithm().hashCode();
    }
}
