package org.dtrmigration.copy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.Utf8Order;

/**
 * A listing that survives a failure mid-way: it re-lists the prefix and skips what it already returned
 * (keys are sorted, so "already returned" is "not after the last key"). Failures that outlast the retries
 * surface as {@link UncheckedIOException}, as for any listing.
 */
final class RetryingListing implements ObjectListing {
    private final ObjectStore store;
    private final String prefix;
    private final Retries retries;
    private ObjectListing current;
    private String last;
    private ObjectInfo next;
    private boolean done;

    RetryingListing(ObjectStore store, String prefix, Retries retries) {
        this.store = store;
        this.prefix = prefix;
        this.retries = retries;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            next = advance(); // the common case, without the cost of a retry execution per key
        } catch (IOException | UncheckedIOException first) {
            if (!Retries.isTransient(first)) {
                throw first instanceof IOException io ? new UncheckedIOException(io) : (UncheckedIOException) first;
            }
            try {
                next = retries.get(this::advance);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (next == null) {
            done = true;
            closeQuietly();
        }
        return next != null;
    }

    /** The next object after {@link #last}, or null at the end; reopens the listing after a failure. */
    private ObjectInfo advance() throws IOException {
        try {
            if (current == null) {
                current = store.list(prefix);
            }
            while (current.hasNext()) {
                ObjectInfo info = current.next();
                if (last == null || Utf8Order.compare(info.key(), last) > 0) {
                    last = info.key();
                    return info;
                }
            }
            return null;
        } catch (IOException | UncheckedIOException e) {
            closeQuietly();
            throw e;
        }
    }

    @Override
    public ObjectInfo next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ObjectInfo result = next;
        next = null;
        return result;
    }

    private void closeQuietly() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                // a broken listing may fail to close too; we are done with it either way
            }
            current = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
