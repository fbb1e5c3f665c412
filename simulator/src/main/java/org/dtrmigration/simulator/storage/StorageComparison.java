package org.dtrmigration.simulator.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;

/**
 * MSR 2.9's demand of a new backend, as the simulator plays it: an exact copy of the registry tree
 * (same keys, sizes and link contents; abandoned uploads aside). Deliberately separate from the
 * migration tool's own verifier, so that a bug there cannot hide here.
 */
public final class StorageComparison {

    private StorageComparison() {
    }

    /** The first difference, or null when {@code copy} is an exact copy of {@code original}. */
    public static String firstDifference(ObjectStore original, ObjectStore copy) throws IOException {
        try (ObjectListing a = original.list(RegistryLayout.ROOT); ObjectListing b = copy.list(RegistryLayout.ROOT)) {
            Iterator<ObjectInfo> x = skipUploads(a);
            Iterator<ObjectInfo> y = skipUploads(b);
            while (x.hasNext() || y.hasNext()) {
                if (!x.hasNext()) {
                    return y.next().key() + " is only in the new storage";
                }
                if (!y.hasNext()) {
                    return x.next().key() + " is missing in the new storage";
                }
                ObjectInfo p = x.next();
                ObjectInfo q = y.next();
                if (!p.key().equals(q.key())) {
                    return (p.key().compareTo(q.key()) < 0 ? p.key() + " is missing in" : q.key() + " is only in") + " the new storage";
                }
                if (p.size() != q.size() || (p.size() < 128 && !Arrays.equals(original.readAllBytes(p.key()), copy.readAllBytes(q.key())))) {
                    return p.key() + " differs in the new storage";
                }
            }
            return null;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Iterator<ObjectInfo> skipUploads(ObjectListing listing) {
        return new Iterator<>() {
            ObjectInfo next = advance();

            private ObjectInfo advance() {
                while (listing.hasNext()) {
                    ObjectInfo info = listing.next();
                    if (!(RegistryLayout.classify(info.key()) instanceof RegistryKey.Upload)) {
                        return info;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ObjectInfo next() {
                ObjectInfo current = next;
                next = advance();
                return current;
            }
        };
    }

    /** Deletes every object in the store (a destroyed local volume). */
    public static int wipe(ObjectStore store) throws IOException {
        java.util.List<ObjectInfo> all = store.list("").toList();
        for (ObjectInfo info : all) {
            store.delete(info.key());
        }
        return all.size();
    }
}
