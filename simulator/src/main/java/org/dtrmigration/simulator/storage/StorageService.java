package org.dtrmigration.simulator.storage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.storage.StoreOptions;

/**
 * The simulated DTR's storage: the switchable store everything reads and writes, what DTR's
 * settings say about it, and the stores the simulator opened itself (closed with it).
 */
public final class StorageService implements AutoCloseable {

    private final SwitchableStore store;
    // One attempt plus one retry: a backend the simulator cannot reach should fail its request quickly.
    private final StoreFactory factory = new StoreFactory(StoreOptions.defaults().withMaxAttempts(2));
    private final List<ObjectStore> opened = new ArrayList<>();
    private final Consumer<StorageState> onChange;
    private StorageState state;

    public StorageService(ObjectStore initial, StorageState initialState, Consumer<StorageState> onChange) {
        this.store = new SwitchableStore(initial);
        this.state = Objects.requireNonNull(initialState, "initialState");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /** The default state for a simulator started on a store. */
    public static StorageState initialState(String volume, String nfsHost, String nfsPath) {
        ObjectNode fs = JsonNodeFactory.instance.objectNode();
        fs.putObject("filesystem").put("rootdirectory", "/storage");
        if (!nfsHost.isEmpty()) {
            return new StorageState(StorageMode.NFS, "nfs://" + nfsHost + nfsPath, "", "nfs://" + nfsHost + nfsPath, fs);
        }
        if (!volume.isEmpty()) {
            return new StorageState(StorageMode.VOLUME, "volume " + volume, volume, "", fs);
        }
        return new StorageState(StorageMode.LOCAL_VOLUME, "the replica's local volume", "", "", fs);
    }

    public SwitchableStore store() {
        return store;
    }

    public synchronized StorageState state() {
        return state;
    }

    public synchronized void switchTo(ObjectStore next, StorageState nextState) {
        store.switchTo(next);
        state = nextState;
        onChange.accept(nextState);
    }

    /** Opens a store the simulator owns from now on. */
    public synchronized ObjectStore open(StorageLocation location, StorageCredentials credentials) {
        ObjectStore s = factory.open(location, credentials);
        opened.add(s);
        return s;
    }

    @Override
    public synchronized void close() {
        for (ObjectStore s : opened) {
            try {
                s.close();
            } catch (IOException e) {
                // closing only releases connections
            }
        }
        opened.clear();
    }
}
