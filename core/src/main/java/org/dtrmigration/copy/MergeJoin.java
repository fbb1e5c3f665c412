package org.dtrmigration.copy;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.Utf8Order;

/**
 * Walks two sorted listings side by side in constant memory, pairing equal keys: each step yields a key
 * present in the source, the destination, or both. Both listings must be in UTF-8 byte order (as S3,
 * Azure and {@code FilesystemStore} list); a listing that is not is a driver bug and fails loudly
 * rather than producing a wrong plan.
 */
final class MergeJoin implements Iterator<MergeJoin.Pair>, AutoCloseable {

    /** A key and its object on each side; one side may be null. */
    record Pair(ObjectInfo source, ObjectInfo destination) {
        String key() {
            return source != null ? source.key() : destination.key();
        }
    }

    private final ObjectListing source;
    private final ObjectListing destination;
    private ObjectInfo s;
    private ObjectInfo d;
    private String lastSource;
    private String lastDestination;

    MergeJoin(ObjectListing source, ObjectListing destination) {
        this.source = source;
        this.destination = destination;
    }

    @Override
    public boolean hasNext() {
        fill();
        return s != null || d != null;
    }

    @Override
    public Pair next() {
        fill();
        if (s == null && d == null) {
            throw new NoSuchElementException();
        }
        int c = s == null ? 1 : d == null ? -1 : Utf8Order.compare(s.key(), d.key());
        Pair pair;
        if (c < 0) {
            pair = new Pair(s, null);
            s = null;
        } else if (c > 0) {
            pair = new Pair(null, d);
            d = null;
        } else {
            pair = new Pair(s, d);
            s = null;
            d = null;
        }
        return pair;
    }

    private void fill() {
        if (s == null && source.hasNext()) {
            s = source.next();
            lastSource = checkOrder(lastSource, s.key(), "source");
        }
        if (d == null && destination.hasNext()) {
            d = destination.next();
            lastDestination = checkOrder(lastDestination, d.key(), "destination");
        }
    }

    private static String checkOrder(String previous, String key, String side) {
        if (previous != null && Utf8Order.compare(previous, key) >= 0) {
            throw new IllegalStateException("the " + side + " listing is not in ascending UTF-8 order ('" + previous + "' then '"
                    + key + "'): refusing to compare");
        }
        return key;
    }

    @Override
    public void close() throws IOException {
        try {
            source.close();
        } finally {
            destination.close();
        }
    }
}
