package org.dtrmigration.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A store that passes every primitive operation to another one, for wrappers that change a few (refuse writes,
 * switch the target, inject faults). Forwarded: the abstract operations and the driver's own answers
 * ({@link #md5InListings}, {@link #listChildren}, {@link #abortIncompleteWrites}, {@link #close}). Not forwarded:
 * the conveniences built on the primitives ({@link #readAllBytes}, {@code write(key, byte[])},
 * {@code write(key, ContentSource)}), so a wrapper that intercepts {@link #read} or the stream {@code write} sees
 * every read and write; a driver's single-request re-readable write is therefore not offered through a wrapper.
 */
public abstract class ForwardingObjectStore implements ObjectStore {

    /** The store calls go to; may change between calls. */
    protected abstract ObjectStore delegate();

    @Override
    public String describe() {
        return delegate().describe();
    }

    @Override
    public boolean md5InListings() {
        return delegate().md5InListings();
    }

    @Override
    public ObjectListing list(String prefix) throws IOException {
        return delegate().list(prefix);
    }

    @Override
    public List<String> listChildren(String prefix) throws IOException {
        return delegate().listChildren(prefix);
    }

    @Override
    public int abortIncompleteWrites(String prefix, Instant startedBefore, Predicate<String> keys) throws IOException {
        return delegate().abortIncompleteWrites(prefix, startedBefore, keys);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        return delegate().stat(key);
    }

    @Override
    public InputStream read(String key) throws IOException {
        return delegate().read(key);
    }

    @Override
    public void write(String key, InputStream content, long length, byte[] md5) throws IOException {
        delegate().write(key, content, length, md5);
    }

    @Override
    public void delete(String key) throws IOException {
        delegate().delete(key);
    }

    @Override
    public void close() throws IOException {
        delegate().close();
    }
}
