package org.dtrmigration.copy;

import java.io.IOException;
import java.util.Objects;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StoreFactory;

/**
 * Copies a registry's storage ({@code docker/registry/v2/}) from one store to another, exactly, fast and
 * resumably.
 *
 * <ul>
 *   <li><b>Listing</b>: both sides are split into parts ({@code blobs/sha256/00/}..{@code ff/}, one per
 *       repository namespace, …) listed in parallel and merge-joined in constant memory, keys compared as
 *       UTF-8 bytes.</li>
 *   <li><b>Change detection</b>, no request per unchanged object: blob data by key and size (content-addressed),
 *       links and other objects by content (MD5 from the listings where a backend has it, else read; links are
 *       71 bytes), so a moved tag is found. {@code _uploads/} is skipped unless included.</li>
 *   <li><b>Integrity</b>: every blob is hashed as it streams and refused unless it matches the digest in its key,
 *       before the destination object becomes visible; a corrupt source blob is reported and fails the run.</li>
 *   <li><b>Order</b>: a link is written only after the blob it points at; within a repository, layer and
 *       revision links before tag links, a tag's index links before its current link; deletions (mirror mode)
 *       last, tags first, and only after both listings completed and every copy succeeded.</li>
 *   <li><b>Resumable</b>: writes are atomic (temporary file and rename, single PUT, multipart/block commit), so a
 *       killed run leaves no partial object and a re-run skips what is done.</li>
 *   <li><b>Bounded</b>: work planned ahead of the copy is capped ({@link Tuning#maxQueued()}), deletions spill to
 *       disk; memory does not grow with the tree.</li>
 * </ul>
 *
 * The source is always wrapped in a {@link ReadOnlyStore}.
 */
public final class Copier {

    private final CopyOptions options;
    private final EventSink events;
    private final Tuning tuning;

    public Copier(CopyOptions options, EventSink events, Tuning tuning) {
        this.options = Objects.requireNonNull(options, "options");
        this.events = Objects.requireNonNull(events, "events");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
    }

    public Copier(CopyOptions options, EventSink events) {
        this(options, events, Tuning.defaults());
    }

    /**
     * Copies between two open stores; the caller closes them.
     *
     * @throws org.dtrmigration.storage.StorageAccessException when a side is misconfigured (missing bucket, rejected
     *                                                         credentials): nothing further is attempted
     * @throws StorageRootException                  when the source holds no registry
     */
    public CopyResult copy(ObjectStore source, ObjectStore destination) throws IOException {
        return new CopyRun(source, destination, options, tuning, events).execute();
    }

    /**
     * Store options sized for a copy with these options: HTTP connections for every request in flight, parts of
     * 8 MiB, and a cap on part memory, so that the copier's heap stays under 512 MiB whatever the tree (small
     * objects up to 1 MiB on {@code concurrency} workers, whole objects up to 8 MiB on the large-object workers,
     * 128 MiB of parts in flight).
     */
    public static org.dtrmigration.storage.StoreOptions storeOptions(CopyOptions options) {
        org.dtrmigration.storage.StoreOptions d = org.dtrmigration.storage.StoreOptions.defaults();
        int partThreads = 8;
        int connections = options.concurrency() + options.largeWorkers() * 2 + partThreads + 8;
        return new org.dtrmigration.storage.StoreOptions(connections, 8L * org.dtrmigration.storage.StoreOptions.MiB,
                8 * org.dtrmigration.storage.StoreOptions.MiB, partThreads, 128L * org.dtrmigration.storage.StoreOptions.MiB,
                d.connectTimeout(), d.readTimeout(), d.maxAttempts());
    }

    /** Opens both sides of the request (the source read-only), copies, and closes them. */
    public static CopyResult run(CopyRequest request, StoreFactory factory, EventSink events, Tuning tuning) throws IOException {
        try (ObjectStore source = ReadOnlyStore.of(factory.open(request.from().location(), request.from().credentials()));
             ObjectStore destination = factory.open(request.to().location(), request.to().credentials())) {
            return new Copier(request.options(), events, tuning).copy(source, destination);
        }
    }
}
