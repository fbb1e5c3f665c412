package org.dtrmigration.copy;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StoreFactory;

/**
 * Checks that a destination is an exact copy of a source registry tree, reading both and writing neither:
 * every key on both sides with the same size; links and other small objects with the same content (MD5 from
 * the listings, else read); blob data by key and size, or with {@link VerifyOptions#deep()} re-hashed against
 * its digest; and every link's target present in the destination: the blob a layer, revision or index link
 * names, and for each tag its manifest and the config, layers and child manifests that manifest references.
 * Listing, merging and memory work as for {@link Copier}.
 */
public final class Verifier {

    private final VerifyOptions options;
    private final EventSink events;
    private final Tuning tuning;

    public Verifier(VerifyOptions options, EventSink events, Tuning tuning) {
        this.options = Objects.requireNonNull(options, "options");
        this.events = Objects.requireNonNull(events, "events");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
    }

    public Verifier(VerifyOptions options, EventSink events) {
        this(options, events, Tuning.defaults());
    }

    /**
     * Verifies two open stores; the caller closes them.
     *
     * @param listener receives every difference as it is found (e.g. to write a report file); may be null
     */
    public VerifyReport verify(ObjectStore source, ObjectStore destination, Consumer<Difference> listener) throws IOException {
        return new VerifyRun(source, destination, options, tuning, events, listener).execute();
    }

    /** Opens both sides read-only, verifies, closes them. */
    public static VerifyReport run(VerifyRequest request, StoreFactory factory, EventSink events, Tuning tuning,
                                   Consumer<Difference> listener) throws IOException {
        try (ObjectStore source = ReadOnlyStore.of(factory.open(request.from().location(), request.from().credentials()));
             ObjectStore destination = ReadOnlyStore.of(factory.open(request.to().location(), request.to().credentials()))) {
            return new Verifier(request.options(), events, tuning).verify(source, destination, listener);
        }
    }
}
