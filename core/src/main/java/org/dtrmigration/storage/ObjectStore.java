package org.dtrmigration.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small contract every storage backend fulfils. Keys are '/'-separated and relative to the
 * store's root (the registry root directory: the folder or key prefix holding
 * {@code docker/registry/v2/}).
 */
public interface ObjectStore extends Closeable {

    /** A description for messages and logs: never contains a secret. */
    String describe();

    /**
     * Whether listings carry {@link ObjectInfo#md5Hex()} for objects this store wrote (S3 single-part
     * ETags, Azure Content-MD5). Objects written by other tools may still lack it; callers must treat
     * a null MD5 as "unknown".
     */
    default boolean md5InListings() {
        return false;
    }

    /** Every object whose key starts with {@code prefix}, in ascending UTF-8 byte order of keys. */
    ObjectListing list(String prefix) throws IOException;

    /**
     * The entries directly under {@code prefix} (empty, or ending with '/') as a delimiter listing shows them:
     * keys of objects with no further '/' after the prefix, and "directories" (key prefixes ending with '/'),
     * in ascending UTF-8 byte order. Lets a caller split a huge tree into sub-prefixes to list in parallel.
     * The default walks the whole subtree through {@link #list}; drivers answer with one directory read or
     * delimiter request instead.
     */
    default List<String> listChildren(String prefix) throws IOException {
        List<String> children = new ArrayList<>();
        String lastDirectory = null;
        try (ObjectListing listing = list(prefix)) {
            while (listing.hasNext()) {
                String key = listing.next().key();
                int slash = key.indexOf('/', prefix.length());
                if (slash < 0) {
                    children.add(key);
                } else {
                    String directory = key.substring(0, slash + 1);
                    if (!directory.equals(lastDirectory)) { // a directory's keys are contiguous in sorted order
                        children.add(directory);
                        lastDirectory = directory;
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return children;
    }

    /**
     * Removes what interrupted writes under {@code prefix} left behind: S3 multipart uploads never completed nor
     * aborted, temporary files on a filesystem. Listings never show them, but they take (billed) space. Only
     * writes started before {@code startedBefore} (as far as the backend records it) and whose key
     * {@code keys} accepts are removed (for a filesystem temporary file, the key is its path relative to the
     * root). Returns how many were removed. The default has nothing to clean (Azure discards uncommitted
     * blocks by itself after a week).
     */
    default int abortIncompleteWrites(String prefix, Instant startedBefore, java.util.function.Predicate<String> keys) throws IOException {
        return 0;
    }

    /** The object's metadata, or empty when it does not exist. */
    Optional<ObjectInfo> stat(String key) throws IOException;

    /** Opens the object for reading; {@link NoSuchObjectException} when it does not exist. */
    InputStream read(String key) throws IOException;

    /**
     * Writes the object atomically: readers see the old object or the whole new one, never a part.
     * When the content does not match {@code length} or {@code md5}, or the source stream fails,
     * nothing is written and an {@link IOException} says why. The caller keeps ownership of
     * {@code content} (it is read, not closed).
     *
     * @param length the content's size, or -1 when unknown
     * @param md5 the content's MD5 when known, so the store can verify what it received; may be null
     */
    void write(String key, InputStream content, long length, byte[] md5) throws IOException;

    /**
     * Writes an object whose content can be re-read ({@link ContentSource}), with the guarantees of
     * {@link #write(String, InputStream, long, byte[])}. A driver may then stream a large object in a single
     * request instead of buffering it or splitting it into parts. The default reads the content once through the
     * stream-based write.
     */
    default void write(String key, ContentSource content) throws IOException {
        try (InputStream in = content.open()) {
            write(key, in, content.length(), null);
        }
    }

    /** Deletes the object; deleting a missing object is not an error. */
    void delete(String key) throws IOException;

    default byte[] readAllBytes(String key) throws IOException {
        try (InputStream in = read(key)) {
            return in.readAllBytes();
        }
    }

    default void write(String key, byte[] content) throws IOException {
        write(key, new java.io.ByteArrayInputStream(content), content.length, null);
    }

    @Override
    default void close() throws IOException {
    }
}
