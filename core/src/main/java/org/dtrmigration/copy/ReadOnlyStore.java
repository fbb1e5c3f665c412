package org.dtrmigration.copy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;

/**
 * The source of a copy: every read passes through, every write or delete throws. A cheap guarantee
 * that no code path, present or future, modifies the registry being migrated.
 */
public final class ReadOnlyStore implements ObjectStore {

    private final ObjectStore delegate;

    private ReadOnlyStore(ObjectStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Wraps a store (once: wrapping a read-only store returns it). */
    public static ObjectStore of(ObjectStore store) {
        return store instanceof ReadOnlyStore ? store : new ReadOnlyStore(store);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public boolean md5InListings() {
        return delegate.md5InListings();
    }

    @Override
    public ObjectListing list(String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public List<String> listChildren(String prefix) throws IOException {
        return delegate.listChildren(prefix);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        return delegate.stat(key);
    }

    @Override
    public InputStream read(String key) throws IOException {
        return delegate.read(key);
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

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    private IllegalStateException refused(String action, String key) {
        // A programming error, not a user error: the source must never be modified.
        return new IllegalStateException("refusing to " + action + " '" + key + "' in the source " + delegate.describe()
                + ": the source of a copy is read-only");
    }
}
