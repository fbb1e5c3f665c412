package org.dtrmigration.simulator.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeReader;
import org.dtrmigration.simulator.metadata.MetadataStore;
import org.dtrmigration.simulator.metadata.RepositoryRecord;
import org.dtrmigration.simulator.metadata.TagRecord;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;

/**
 * Garbage collection that really deletes blob data.
 *
 * <ul>
 *   <li>{@code onlinegc_blobs}: marks what the <em>metadata store's</em> tags reference (directly
 *   or through manifest lists / indexes) and deletes every other blob. This is what makes the
 *   documented post-restore step dangerous: tags pushed after the backup are not in the restored
 *   metadata, so their blobs go.</li>
 *   <li>{@code gc} (pre-online-GC DTR, distribution's own collector): marks every manifest linked
 *   in each repository's revisions in <em>storage</em>, tagged or not.</li>
 *   <li>{@code onlinegc_metadata}: the metadata half; the simulator keeps no garbage metadata, so
 *   it only logs. {@code onlinegc} runs the metadata half, then the blob half.</li>
 * </ul>
 *
 * <p>GC runs whether or not the registry is read-only. The DTR docs say that since 2.5/2.6 online
 * GC no longer needs read-only mode; nothing says read-only blocks it. So a GC cron firing during a
 * read-only migration window really deletes blobs here, which is the hazard a migration must guard
 * against by disabling GC crons.
 *
 * <p>If a tagged manifest cannot be read, the job errors before deleting anything, as
 * distribution's collector aborts when its mark phase fails.
 */
public final class GarbageCollection {
    private final ObjectStore store;
    private final RegistryTreeReader reader;
    private final MetadataStore metadata;
    private final GcLock lock;

    public GarbageCollection(ObjectStore store, MetadataStore metadata, GcLock lock) {
        this.store = Objects.requireNonNull(store, "store");
        this.reader = new RegistryTreeReader(store);
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    public void onlineBlobs(JobContext ctx) throws Exception {
        locked(ctx, () -> sweep(ctx, markFromMetadata(ctx)));
    }

    public void online(JobContext ctx) throws Exception {
        locked(ctx, () -> {
            metadataPhase(ctx);
            sweep(ctx, markFromMetadata(ctx));
        });
    }

    public void metadataOnly(JobContext ctx) throws Exception {
        locked(ctx, () -> metadataPhase(ctx));
    }

    public void storageRevisions(JobContext ctx) throws Exception {
        locked(ctx, () -> sweep(ctx, markFromStorageRevisions(ctx)));
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    private void locked(JobContext ctx, Phase phase) throws Exception {
        String id = ctx.job().id();
        if (!lock.tryAcquire(id)) {
            throw new JobFailedException("garbage collection is already running (lock held by job " + lock.holder() + ")");
        }
        try {
            phase.run();
        } finally {
            lock.release(id);
        }
    }

    private void metadataPhase(JobContext ctx) throws JobCanceledException, InterruptedException {
        ctx.info("collecting unreferenced manifest and tag metadata");
        ctx.step();
        ctx.info("metadata garbage collection finished: nothing to remove");
    }

    private Set<Digest> markFromMetadata(JobContext ctx) throws Exception {
        ctx.info("marking blobs referenced by tags in the metadata store");
        Set<Digest> marked = new HashSet<>();
        int tags = 0;
        for (RepositoryRecord repository : metadata.repositories()) {
            for (TagRecord tag : metadata.tags(repository.fullName())) {
                ctx.checkCanceled();
                marked.addAll(closure(repository.fullName() + ":" + tag.name(), tag.digest()));
                tags++;
            }
        }
        ctx.info("marked " + marked.size() + " blobs referenced by " + tags + " tags");
        ctx.step();
        return marked;
    }

    private Set<Digest> markFromStorageRevisions(JobContext ctx) throws Exception {
        ctx.info("marking blobs referenced by manifests in storage");
        Set<Digest> marked = new HashSet<>();
        int manifests = 0;
        for (String repository : reader.repositories()) {
            for (Digest revision : reader.revisions(repository)) {
                ctx.checkCanceled();
                marked.addAll(closure(repository + "@" + revision, revision));
                manifests++;
            }
        }
        ctx.info("marked " + marked.size() + " blobs referenced by " + manifests + " manifests");
        ctx.step();
        return marked;
    }

    private Set<Digest> closure(String what, Digest manifest) throws JobFailedException {
        try {
            return reader.referencedBlobs(manifest);
        } catch (IOException e) {
            throw new JobFailedException("cannot read manifest of " + what + " (" + e.getMessage() + "); nothing was deleted", e);
        }
    }

    private void sweep(JobContext ctx, Set<Digest> marked) throws Exception {
        List<ObjectInfo> garbage = new ArrayList<>();
        int kept = 0;
        try (ObjectListing listing = store.list(RegistryLayout.BLOBS)) {
            while (listing.hasNext()) {
                ObjectInfo info = listing.next();
                if (RegistryLayout.classify(info.key()) instanceof RegistryKey.BlobData blob) {
                    if (marked.contains(blob.digest())) {
                        kept++;
                    } else {
                        garbage.add(info);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        ctx.info("sweeping " + garbage.size() + " unreferenced blobs, keeping " + kept);
        long bytes = 0;
        int deleted = 0;
        for (ObjectInfo info : garbage) {
            ctx.step();
            store.delete(info.key());
            Digest digest = ((RegistryKey.BlobData) RegistryLayout.classify(info.key())).digest();
            ctx.info("deleted blob " + digest + " (" + info.size() + " bytes)");
            bytes += info.size();
            deleted++;
        }
        ctx.info("garbage collection finished: deleted " + deleted + " blobs, " + bytes + " bytes");
    }
}
