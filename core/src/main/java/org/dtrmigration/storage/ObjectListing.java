package org.dtrmigration.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A streamed listing in ascending order of the keys' UTF-8 bytes (the order S3 and Azure list in),
 * so two listings can be merge-joined in constant memory. I/O failures while iterating surface as
 * {@link UncheckedIOException}.
 */
public interface ObjectListing extends Iterator<ObjectInfo>, Closeable {

    @Override
    void close() throws IOException;

    /** Drains the listing; for small prefixes and tests only. */
    default List<ObjectInfo> toList() throws IOException {
        try (this) {
            List<ObjectInfo> all = new ArrayList<>();
            forEachRemaining(all::add);
            return all;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static ObjectListing of(Iterator<ObjectInfo> items) {
        return new ObjectListing() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public ObjectInfo next() {
                return items.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
