package org.dtrmigration.simulator.storage;

import java.util.Objects;
import org.dtrmigration.storage.ForwardingObjectStore;
import org.dtrmigration.storage.ObjectStore;

/**
 * The simulator's registry storage: every reader and writer (pushes, the tags API, garbage
 * collection) goes through this one object, so that a restore or reconfigure onto new storage
 * switches all of them at once, as restarting DTR's registry containers does.
 */
public final class SwitchableStore extends ForwardingObjectStore {

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
    protected ObjectStore delegate() {
        return current;
    }

    /** The stores it switches between are owned by whoever opened them. */
    @Override
    public void close() {
    }
}
