package org.dtrmigration.copy;

import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import org.dtrmigration.storage.ForwardingObjectStore;
import org.dtrmigration.storage.ObjectStore;

/**
 * The source of a copy: every read passes through, every write or delete throws. A cheap guarantee
 * that no code path, present or future, modifies the registry being migrated.
 */
public final class ReadOnlyStore extends ForwardingObjectStore {

    private final ObjectStore delegate;

    private ReadOnlyStore(ObjectStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Wraps a store (once: wrapping a read-only store returns it). */
    public static ObjectStore of(ObjectStore store) {
        return store instanceof ReadOnlyStore ? store : new ReadOnlyStore(store);
    }

    @Override
    protected ObjectStore delegate() {
        return delegate;
    }

    @Override
    public void write(String key, InputStream content, long length, byte[] md5) {
        throw refused("write", key);
    }

    @Override
    public void write(String key, byte[] content) {
        throw refused("write", key);
    }

    @Override
    public void write(String key, org.dtrmigration.storage.ContentSource content) {
        throw refused("write", key);
    }

    @Override
    public void delete(String key) {
        throw refused("delete", key);
    }

    @Override
    public int abortIncompleteWrites(String prefix, Instant startedBefore, java.util.function.Predicate<String> keys) {
        throw refused("clean up incomplete writes under", prefix);
    }

    private IllegalStateException refused(String action, String key) {
        // A programming error, not a user error: the source must never be modified.
        return new IllegalStateException("refusing to " + action + " '" + key + "' in the source " + delegate.describe()
                + ": the source of a copy is read-only");
    }
}
