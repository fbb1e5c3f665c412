package org.dtrmigration.simulator.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;

/**
 * The simulator's registry storage: every reader and writer (pushes, the tags API, garbage
 * collection) goes through this one object, so that a restore or reconfigure onto new storage
 * switches all of them at once, as restarting DTR's registry containers does.
 */
public final class SwitchableStore implements ObjectStore {

    private volatile ObjectStore current;

    public SwitchableStore(ObjectStore initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    public ObjectStore current() {
        return current;
    }

    public void switchTo(ObjectStore next) {
        current = Objects.requireNonNull(next, "next");
    }

    @Override
    public String describe() {
        return current.describe();
    }

    @Override
    public boolean md5InListings() {
        return current.md5InListings();
    }

    @Override
    public ObjectListing list(String prefix) throws IOException {
        return current.list(prefix);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        return current.stat(key);
    }

    @Override
    public InputStream read(String key) throws IOException {
        return current.read(key);
    }

    @Override
    public void write(String key, InputStream content, long length, byte[] md5) throws IOException {
        current.write(key, content, length, md5);
    }

    @Override
    public void delete(String key) throws IOException {
        current.delete(key);
    }

    /** The stores it switches between are owned by whoever opened them. */
    @Override
    public void close() {
    }
}
