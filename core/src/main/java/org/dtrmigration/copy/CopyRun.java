package org.dtrmigration.copy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.storage.ContentSource;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageAccessException;

/**
 * One execution of a copy: the state {@link Copier} must not share between runs. See {@link Copier} for
 * what it guarantees; the comments here say how.
 */
final class CopyRun {

    /** Link files are 71 bytes; a "link" larger than this is malformed and streamed like any object. */
    private static final int MAX_LINK_BYTES = 64 * 1024;
    private static final int KEPT_PROBLEMS = 1000;
    private static final int DRY_RUN_LINES = 200;
    private static final CompletableFuture<Boolean> READY = CompletableFuture.completedFuture(true);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private enum Decision { UNCHANGED, COPY, COMPARE }

    private final ObjectStore source;
    private final ObjectStore destination;
    private final CopyOptions options;
    private final Tuning tuning;
    private final EventSink events;
    private final Retries retries;
    private final Counters counters = new Counters();
    private final Differences problems = new Differences(KEPT_PROBLEMS, null);
    /** Blobs being copied in this run: links to them wait; a failed blob stays here (false) so its links are left out. */
    private final Map<Digest, CompletableFuture<Boolean>> pendingBlobs = new ConcurrentHashMap<>();
    /** Completes when every blob part has been listed and its copies planned (registered in {@link #pendingBlobs}). */
    private final CompletableFuture<Void> blobsPlanned = new CompletableFuture<>();
    private final Barrier transfers = new Barrier();
    /**
     * Bounds work planned ahead, and with it memory. Blob parts and the other parts have separate budgets: work of
     * the other parts may wait for the blob parts to be planned, which must never wait for a budget it holds.
     */
    private final Semaphore queuedBlobs;
    private final Semaphore queuedOthers;
    private final AtomicReference<StorageAccessException> fatal = new AtomicReference<>();
    private final AtomicReference<String> gaveUp = new AtomicReference<>();
    private final AtomicBoolean listingFailed = new AtomicBoolean();
    private final AtomicInteger dryRunLines = new AtomicInteger();
    /** Blob parts and the other parts list on separate threads: the others may wait for the blobs, never the reverse. */
    private final ExecutorService listingPool;
    private final ExecutorService blobListingPool;
    private final ExecutorService smallPool;
    private final ExecutorService largePool;
    private DeleteJournal journal;

    CopyRun(ObjectStore source, ObjectStore destination, CopyOptions options, Tuning tuning, EventSink events) {
        this.source = ReadOnlyStore.of(source);
        this.destination = Objects.requireNonNull(destination, "destination");
        this.options = options;
        this.tuning = tuning;
        this.events = events;
        this.retries = new Retries(tuning);
        this.queuedBlobs = new Semaphore(Math.max(1, tuning.maxQueued() / 2));
        this.queuedOthers = new Semaphore(Math.max(1, tuning.maxQueued() / 2));
        this.listingPool = Executors.newFixedThreadPool(tuning.listingThreads(), threads("list"));
        this.blobListingPool = Executors.newFixedThreadPool(tuning.listingThreads(), threads("list-blobs"));
        this.smallPool = Executors.newFixedThreadPool(options.concurrency(), threads("copy"));
        this.largePool = Executors.newFixedThreadPool(options.largeWorkers(), threads("copy-large"));
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dtr-migrate-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    CopyResult execute() throws IOException {
        long t0 = System.nanoTime();
        events.info((options.dryRun() ? "Dry run: comparing " : "Copying ") + source.describe() + " -> " + destination.describe()
                + describeOptions());
        try {
            Preflight.check(source, destination, retries);
            Partition partition = Partition.discover(source, destination, options.shard(), retries, listingPool);
            counters.parts.set(0, partition.blobParts().size() + partition.otherParts().size());
            if (options.delete() && !options.dryRun()) {
                journal = new DeleteJournal();
            }
            try (ProgressReporter progress = new ProgressReporter(options.dryRun() ? "dry run" : "copy", counters, events,
                    tuning.progressInterval(), retries::retried)) {
                runParts(partition);
                counters.listingDone = true;
                await(transfers.seal());
                throwIfFatal();
                deleteExtras();
                events.progress(progress.line());
            }
            throwIfFatal();
            cleanUpIncompleteWrites();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopNow();
            throw new InterruptedIOException("copy interrupted; run it again to finish (it resumes where it stopped)");
        } finally {
            listingPool.shutdownNow();
            blobListingPool.shutdownNow();
            smallPool.shutdown();
            largePool.shutdown();
            if (journal != null) {
                journal.close();
            }
        }
        if (gaveUp.get() != null) {
            problems.add(new Difference(Difference.Kind.ABORTED, "", gaveUp.get()));
        }
        CopyResult result = new CopyResult(options.dryRun(), counters.listed.get(), counters.listedBytes.get(), counters.copied.get(),
                counters.copiedBytes.get(), counters.unchanged.get(), options.delete() ? (options.dryRun() ? counters.toDelete.get()
                : counters.deleted.get()) : 0, counters.extra.get(), counters.failed.get(), retries.retried(),
                Duration.ofNanos(System.nanoTime() - t0), problems.kept(), problems.total());
        if (result.complete()) {
            events.info(result.summary());
        } else {
            events.warn(result.summary());
            for (Difference d : result.problems().subList(0, Math.min(20, result.problems().size()))) {
                events.warn("  " + d);
            }
        }
        return result;
    }

    private String describeOptions() {
        List<String> parts = new ArrayList<>();
        if (!options.shard().isAll()) {
            parts.add("shard " + options.shard());
        }
        if (options.delete()) {
            parts.add("deleting destination-only objects");
        }
        if (options.includeUploads()) {
            parts.add("including _uploads");
        }
        parts.add("concurrency " + options.concurrency());
        return " (" + String.join(", ", parts) + ")";
    }

    // ---- listing and planning ---------------------------------------------------------------------

    /**
     * Lists and plans every part. Both kinds are listed at the same time (the repository parts first: they are
     * few and large, the long poles), but a link is written only once every blob part has been planned
     * ({@link #blobsPlanned}), so that it can wait for exactly the blob it points at.
     */
    private void runParts(Partition partition) throws InterruptedException {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Partition.Part part : partition.otherParts()) {
            running.add(CompletableFuture.runAsync(() -> runPart(part, true), listingPool));
        }
        List<CompletableFuture<Void>> blobParts = new ArrayList<>();
        for (Partition.Part part : partition.blobParts()) {
            blobParts.add(CompletableFuture.runAsync(() -> runPart(part, false), blobListingPool));
        }
        // Completes even when a part failed (runPart never throws): links must not wait forever.
        CompletableFuture.allOf(blobParts.toArray(CompletableFuture[]::new)).whenComplete((r, e) -> blobsPlanned.complete(null));
        running.addAll(blobParts);
        await(CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)));
    }

    private void runPart(Partition.Part part, boolean ordered) {
        Sequencer sequencer = ordered ? new Sequencer() : null;
        try {
            if (part.singleKey()) {
                Optional<ObjectInfo> s = retries.get(() -> source.stat(part.prefix()));
                Optional<ObjectInfo> d = retries.get(() -> destination.stat(part.prefix()));
                if (s.isPresent() || d.isPresent()) {
                    plan(new MergeJoin.Pair(s.orElse(null), d.orElse(null)), sequencer);
                }
            } else {
                try (ObjectListing s = new RetryingListing(source, part.prefix(), retries);
                     ObjectListing d = new RetryingListing(destination, part.prefix(), retries);
                     MergeJoin join = new MergeJoin(s, d)) {
                    while (!stopped() && join.hasNext()) {
                        plan(join.next(), sequencer);
                    }
                }
            }
            if (sequencer != null && !stopped()) {
                sequencer.finish();
            }
        } catch (UncheckedIOException e) {
            listingFailed(part, e.getCause());
        } catch (IOException e) {
            listingFailed(part, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            listingFailed(part, new IOException(e.toString(), e));
        } finally {
            counters.parts.incrementAndGet(1);
        }
    }

    private void listingFailed(Partition.Part part, IOException e) {
        if (e instanceof StorageAccessException access) {
            fatal.compareAndSet(null, access);
            return;
        }
        listingFailed.set(true);
        problems.add(new Difference(Difference.Kind.LISTING_FAILED, part.toString(), String.valueOf(e.getMessage())));
        events.warn("listing " + part + " failed: " + e.getMessage());
    }

    private void plan(MergeJoin.Pair pair, Sequencer sequencer) throws InterruptedException {
        String key = pair.key();
        RegistryKey rk = RegistryLayout.classify(key);
        if ((rk.kind() == RegistryKey.Kind.UPLOAD && !options.includeUploads()) || !options.shard().owns(key)) {
            return;
        }
        ObjectInfo s = pair.source();
        ObjectInfo d = pair.destination();
        if (sequencer != null) {
            sequencer.advance(key);
        }
        if (s == null) {
            extra(d, rk);
            return;
        }
        counters.listed(s.size());
        Decision decision = decide(s, d, rk);
        if (decision == Decision.UNCHANGED) {
            counters.unchanged.incrementAndGet();
            return;
        }
        if (sequencer != null && rk.kind() == RegistryKey.Kind.TAG_CURRENT_LINK) {
            sequencer.hold(s, d, rk, decision); // started once the tag's index links are
            return;
        }
        CompletableFuture<?> after = sequencer == null ? DONE : sequencer.dependencies(rk);
        CompletableFuture<Void> done = start(s, d, rk, decision, after);
        if (sequencer != null) {
            sequencer.register(rk, done);
        }
    }

    /** Registry-aware change detection without a request per object where the listings allow it. */
    private static Decision decide(ObjectInfo s, ObjectInfo d, RegistryKey rk) {
        if (d == null) {
            return Decision.COPY;
        }
        if (rk.kind() == RegistryKey.Kind.BLOB_DATA) {
            // Content-addressed and immutable: same key and size is the same blob. A deep verify re-hashes.
            return s.size() == d.size() ? Decision.UNCHANGED : Decision.COPY;
        }
        if (s.size() != d.size()) {
            return Decision.COPY;
        }
        if (s.md5Hex() != null && d.md5Hex() != null) {
            return s.md5Hex().equalsIgnoreCase(d.md5Hex()) ? Decision.UNCHANGED : Decision.COPY;
        }
        return Decision.COMPARE; // a moved tag keeps its 71 bytes: only the content tells
    }

    private void extra(ObjectInfo d, RegistryKey rk) {
        if (!options.delete()) {
            counters.extra.incrementAndGet();
            return;
        }
        counters.toDelete.incrementAndGet();
        if (options.dryRun()) {
            dryRunLine("would delete " + d.key());
        } else {
            journal.add(deleteStage(rk), d.key());
        }
    }

    private static DeleteJournal.Stage deleteStage(RegistryKey rk) {
        return switch (rk.kind()) {
            case TAG_CURRENT_LINK -> DeleteJournal.Stage.TAG_CURRENT;
            case TAG_INDEX_LINK -> DeleteJournal.Stage.TAG_INDEX;
            case BLOB_DATA -> DeleteJournal.Stage.BLOB;
            default -> DeleteJournal.Stage.LINK;
        };
    }

    // ---- transfers --------------------------------------------------------------------------------

    /**
     * Starts one object's transfer once {@code after} completes. Links are read (and compared) on the small-object
     * workers and written when their dependencies are; other objects stream from source to destination.
     */
    private CompletableFuture<Void> start(ObjectInfo s, ObjectInfo d, RegistryKey rk, Decision decision, CompletableFuture<?> after)
            throws InterruptedException {
        Semaphore queued = queue(rk.key());
        queued.acquire(); // bounds the work planned ahead of the copy, and with it memory
        CompletableFuture<Void> done;
        boolean link = rk.isLink() && s.size() <= MAX_LINK_BYTES;
        if (link) {
            // A comparison decides what a re-run copies: at once. A link that is missing anyway cannot be written before
            // the blobs are planned: reading it earlier would only delay the blob copies queued before it.
            CompletableFuture<?> readAfter = decision == Decision.COMPARE ? DONE : blobsPlanned;
            CompletableFuture<byte[]> prepared = readAfter.thenApplyAsync(x -> prepareLink(s, d, rk, decision), smallPool);
            done = prepared.thenCombine(after.handle((r, e) -> null), (content, ignored) -> content)
                    .thenComposeAsync(content -> content == null ? DONE : commitLink(s, rk, content), smallPool);
        } else if (rk instanceof RegistryKey.BlobData blob) {
            counters.planned(s.size());
            ExecutorService pool = s.size() > tuning.largeObjectBytes() ? largePool : smallPool;
            CompletableFuture<Boolean> copied = after.handle((r, e) -> null).thenApplyAsync(x -> copyObject(s, rk), pool);
            pendingBlobs.put(blob.digest(), copied);
            copied.thenAccept(ok -> {
                if (ok) {
                    pendingBlobs.remove(blob.digest(), copied);
                }
            });
            done = copied.thenApply(ok -> null);
        } else {
            ExecutorService pool = s.size() > tuning.largeObjectBytes() ? largePool : smallPool;
            if (decision == Decision.COPY) {
                counters.planned(s.size());
            }
            done = after.handle((r, e) -> null).thenAcceptAsync(x -> {
                if (decision == Decision.COMPARE && sameContent(s, d)) {
                    counters.unchanged.incrementAndGet();
                } else {
                    if (decision == Decision.COMPARE) {
                        counters.planned(s.size());
                    }
                    copyObject(s, rk);
                }
            }, pool);
        }
        CompletableFuture<Void> settled = done.handle((r, e) -> {
            queued.release();
            if (e != null) {
                failed(rk.key(), Difference.Kind.COPY_FAILED, "unexpected error: " + e, e);
            }
            return null;
        });
        transfers.add(settled);
        return settled;
    }

    /**
     * Completes with true once the blob is in the destination (or is not this run's to copy), false when its copy
     * failed. Decided only after every blob part has been planned: before that, a blob not yet listed would look
     * like one not being copied.
     */
    private CompletableFuture<Boolean> blobReady(Digest digest) {
        return blobsPlanned.thenCompose(x -> {
            CompletableFuture<Boolean> pending = pendingBlobs.get(digest);
            return pending == null ? READY : pending;
        });
    }

    /** Reads the source link (comparing it with the destination when needed); null when nothing is to be written. */
    private byte[] prepareLink(ObjectInfo s, ObjectInfo d, RegistryKey rk, Decision decision) {
        if (stopped()) {
            return null;
        }
        String key = s.key();
        try {
            if (decision == Decision.COMPARE && s.md5Hex() != null) {
                // The source's MD5 is known: reading the destination alone tells whether they differ.
                byte[] there = readOrNull(destination, key);
                if (there != null && md5Hex(there).equalsIgnoreCase(s.md5Hex())) {
                    counters.unchanged.incrementAndGet();
                    return null;
                }
            }
            byte[] content = retries.get(() -> source.readAllBytes(key));
            if (decision == Decision.COMPARE && s.md5Hex() == null) {
                boolean same = d.md5Hex() != null ? md5Hex(content).equalsIgnoreCase(d.md5Hex())
                        : Arrays.equals(content, readOrNull(destination, key));
                if (same) {
                    counters.unchanged.incrementAndGet();
                    return null;
                }
            }
            counters.planned(content.length);
            return content;
        } catch (IOException e) {
            failure(key, e);
            return null;
        }
    }

    private byte[] readOrNull(ObjectStore store, String key) throws IOException {
        try {
            return retries.get(() -> store.readAllBytes(key));
        } catch (org.dtrmigration.storage.NoSuchObjectException e) {
            return null;
        }
    }

    /** Writes a link once the blob it points at is in the destination; leaves it out if that blob failed. */
    private CompletableFuture<Void> commitLink(ObjectInfo s, RegistryKey rk, byte[] content) {
        Digest target = linkTarget(rk, content);
        CompletableFuture<Boolean> ready = target == null ? READY : blobReady(target);
        return ready.thenAcceptAsync(ok -> {
            if (stopped()) {
                return; // an aborted run: its blob was skipped, not failed; the abort itself is the problem reported
            }
            if (!ok) {
                failed(s.key(), Difference.Kind.LINK_NOT_COPIED, "not written: the blob it points at (" + target
                        + ") could not be copied", null);
            } else {
                writeBytes(s.key(), content);
            }
        }, smallPool);
    }

    private static Digest linkTarget(RegistryKey rk, byte[] content) {
        if (rk instanceof RegistryKey.LayerLink l) {
            return l.digest();
        }
        if (rk instanceof RegistryKey.RevisionLink r) {
            return r.digest();
        }
        if (rk instanceof RegistryKey.TagIndexLink i) {
            return i.digest();
        }
        return Digest.tryParse(new String(content, StandardCharsets.US_ASCII)).orElse(null);
    }

    private void writeBytes(String key, byte[] content) {
        if (stopped()) {
            return;
        }
        if (options.dryRun()) {
            counters.copied(content.length);
            dryRunLine("would copy " + key + " (" + content.length + " bytes)");
            return;
        }
        try {
            byte[] md5 = md5(content);
            retries.get(() -> {
                destination.write(key, new ByteArrayInputStream(content), content.length, md5);
                return null;
            });
            counters.streamedBytes.addAndGet(content.length);
            counters.copied(content.length);
        } catch (IOException e) {
            failure(key, e);
        }
    }

    /**
     * Streams one object; a blob is hashed on the way and never lands unless it matches its digest. Blobs are
     * offered to the destination as re-readable content (they are immutable), so a driver may stream a large one
     * in a single request and re-read it for a retry instead of buffering it.
     */
    private boolean copyObject(ObjectInfo s, RegistryKey rk) {
        if (stopped()) {
            return false;
        }
        String key = s.key();
        if (options.dryRun()) {
            counters.copied(s.size());
            dryRunLine("would copy " + key + " (" + Sizes.bytes(s.size()) + ")");
            return true;
        }
        try {
            retries.get(() -> {
                if (rk instanceof RegistryKey.BlobData blob) {
                    AtomicLong previousOpen = new AtomicLong();
                    // A re-read (to send what a first pass hashed, or for a retry) supersedes what the previous one streamed.
                    ContentSource.Opener unchecked = () -> {
                        counters.streamedBytes.addAndGet(-previousOpen.getAndSet(0));
                        return new Counting(source.read(key), counters, previousOpen);
                    };
                    destination.write(key, ContentSource.of(s.size(),
                            () -> new VerifyingInputStream(unchecked.open(), "the source " + source.describe(), key, blob.digest(), s.size()),
                            unchecked));
                } else {
                    try (InputStream in = source.read(key)) {
                        destination.write(key, new Counting(in, counters, new AtomicLong()), -1, null); // a live _uploads file may have grown
                    }
                }
                return null;
            });
            counters.copied(s.size());
            return true;
        } catch (DigestMismatchException e) {
            events.warn("CORRUPT SOURCE BLOB, not copied: " + e.getMessage());
            failed(key, Difference.Kind.CORRUPT_SOURCE, e.getMessage(), null);
            return false;
        } catch (IOException e) {
            failure(key, e);
            return false;
        }
    }

    /** For objects other than links: the same content on both sides, by MD5 where known, else by reading both. */
    private boolean sameContent(ObjectInfo s, ObjectInfo d) {
        try {
            String a = s.md5Hex() != null ? s.md5Hex() : HexFormat.of().formatHex(retries.get(() -> streamMd5(source, s.key())));
            String b = d.md5Hex() != null ? d.md5Hex() : HexFormat.of().formatHex(retries.get(() -> streamMd5(destination, d.key())));
            return a.equalsIgnoreCase(b);
        } catch (IOException e) {
            return false; // copying settles it
        }
    }

    private static byte[] streamMd5(ObjectStore store, String key) throws IOException {
        MessageDigest md = md5Digest();
        try (InputStream in = store.read(key)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return md.digest();
    }

    private void failure(String key, IOException e) {
        if (e instanceof StorageAccessException access) {
            fatal.compareAndSet(null, access);
            return;
        }
        failed(key, Difference.Kind.COPY_FAILED, String.valueOf(e.getMessage()), e);
    }

    private void failed(String key, Difference.Kind kind, String detail, Throwable cause) {
        problems.add(new Difference(kind, key, detail));
        long n = counters.failed.incrementAndGet();
        if (kind == Difference.Kind.COPY_FAILED) {
            events.warn("could not copy " + key + ": " + detail);
        }
        if (n >= tuning.maxFailures() && gaveUp.compareAndSet(null, "gave up after " + n + " objects failed; the last: " + key
                + ": " + detail)) {
            events.warn(gaveUp.get());
        }
    }

    // ---- deletion, clean-up, control --------------------------------------------------------------

    /** Mirrors deletions, only after both listings completed and every copy succeeded, tags first and blobs last. */
    private void deleteExtras() throws IOException, InterruptedException {
        if (journal == null) {
            return;
        }
        journal.finish();
        long count = journal.size();
        if (count == 0) {
            return;
        }
        if (listingFailed.get() || counters.failed.get() > 0 || stopped()) {
            problems.add(new Difference(Difference.Kind.DELETE_SKIPPED, "", count + " destination-only objects were not deleted "
                    + "because the copy is incomplete; run it again"));
            return;
        }
        events.info("Deleting " + count + " destination-only objects (tags first, blobs last)");
        for (DeleteJournal.Stage stage : DeleteJournal.Stage.values()) {
            Barrier stageDone = new Barrier();
            AtomicReference<InterruptedException> interrupted = new AtomicReference<>();
            journal.replay(stage, 1000, batch -> {
                for (String key : batch) {
                    try {
                        queuedOthers.acquire();
                    } catch (InterruptedException e) {
                        interrupted.set(e);
                        return;
                    }
                    stageDone.add(CompletableFuture.runAsync(() -> delete(key), smallPool).whenComplete((r, e) -> queuedOthers.release()));
                }
            });
            if (interrupted.get() != null) {
                throw interrupted.get();
            }
            await(stageDone.seal());
            throwIfFatal();
        }
    }

    private void delete(String key) {
        if (stopped()) {
            return;
        }
        try {
            retries.get(() -> {
                destination.delete(key);
                return null;
            });
            counters.deleted.incrementAndGet();
        } catch (IOException e) {
            if (e instanceof StorageAccessException access) {
                fatal.compareAndSet(null, access);
            } else {
                problems.add(new Difference(Difference.Kind.DELETE_FAILED, key, String.valueOf(e.getMessage())));
            }
        }
    }

    /**
     * Aborts what a killed earlier run left behind (S3 multipart uploads, filesystem temporary files) once every
     * write of this run is done. Only keys this run (this shard) writes, so concurrent shards are left alone; never
     * {@code _uploads/}, which a live registry writes.
     */
    private void cleanUpIncompleteWrites() {
        if (options.dryRun() || counters.failed.get() > 0 || listingFailed.get()) {
            return;
        }
        try {
            // Whatever their age: this run's own writes have all finished, and the keys are this run's alone.
            int n = destination.abortIncompleteWrites(RegistryLayout.ROOT, Instant.MAX,
                    key -> options.shard().owns(key) && !key.contains("/_uploads/"));
            if (n > 0) {
                events.info("Removed " + n + " incomplete write(s) left in the destination by an interrupted earlier run");
            }
        } catch (IOException | RuntimeException e) {
            events.warn("could not clean up incomplete writes left by an earlier run: " + e.getMessage());
        }
    }

    private boolean stopped() {
        return fatal.get() != null || gaveUp.get() != null || Thread.currentThread().isInterrupted();
    }

    private void throwIfFatal() throws StorageAccessException {
        StorageAccessException e = fatal.get();
        if (e != null) {
            throw e;
        }
    }

    private void stopNow() {
        listingPool.shutdownNow();
        blobListingPool.shutdownNow();
        smallPool.shutdownNow();
        largePool.shutdownNow();
    }

    private static void await(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("internal error: " + e.getCause(), e.getCause());
        }
    }

    private void dryRunLine(String line) {
        int n = dryRunLines.incrementAndGet();
        if (n <= DRY_RUN_LINES) {
            events.info(line);
        } else if (n == DRY_RUN_LINES + 1) {
            events.info("… (further planned changes are counted, not listed)");
        }
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    private static byte[] md5(byte[] content) {
        return md5Digest().digest(content);
    }

    private static String md5Hex(byte[] content) {
        return HexFormat.of().formatHex(md5(content));
    }

    /** Counts bytes as they stream, for the transfer rate. */
    private static final class Counting extends FilterInputStream {
        private final Counters counters;
        private final AtomicLong thisOpen;

        Counting(InputStream in, Counters counters, AtomicLong thisOpen) {
            super(in);
            this.counters = counters;
            this.thisOpen = thisOpen;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counters.streamedBytes.incrementAndGet();
                thisOpen.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counters.streamedBytes.addAndGet(n);
                thisOpen.addAndGet(n);
            }
            return n;
        }
    }

    /**
     * Keeps one listing part's writes in an order that leaves the destination consistent at every moment:
     * within a repository, layer and revision links (after their blobs) before any tag link; within a tag,
     * index links before the current link. Repositories and tags are contiguous in key order, so this needs
     * only the state of the current repository and tag.
     */
    private final class Sequencer {
        private String repository;
        private Barrier links;
        private CompletableFuture<Void> linksDone;
        private String tag;
        private Barrier index;
        private Held held;

        private record Held(ObjectInfo source, ObjectInfo destination, RegistryKey key, Decision decision) {
        }

        void advance(String key) throws InterruptedException {
            String repo = repositoryOf(key);
            if (!Objects.equals(repo, repository)) {
                endRepository();
                repository = repo;
                links = new Barrier();
                linksDone = null;
            }
            String t = repo == null ? null : tagOf(key, repo);
            if (!Objects.equals(t, tag)) {
                endTag();
                tag = t;
                index = t == null ? null : new Barrier();
            }
        }

        CompletableFuture<?> dependencies(RegistryKey rk) {
            return switch (rk.kind()) {
                case LAYER_LINK -> blobReady(((RegistryKey.LayerLink) rk).digest());
                case REVISION_LINK -> blobReady(((RegistryKey.RevisionLink) rk).digest());
                case TAG_INDEX_LINK -> CompletableFuture.allOf(linksDone(), blobReady(((RegistryKey.TagIndexLink) rk).digest()));
                default -> DONE;
            };
        }

        void register(RegistryKey rk, CompletableFuture<Void> done) {
            if ((rk.kind() == RegistryKey.Kind.LAYER_LINK || rk.kind() == RegistryKey.Kind.REVISION_LINK) && links != null) {
                links.add(done);
            } else if (rk.kind() == RegistryKey.Kind.TAG_INDEX_LINK && index != null) {
                index.add(done);
            }
        }

        void hold(ObjectInfo s, ObjectInfo d, RegistryKey rk, Decision decision) {
            held = new Held(s, d, rk, decision);
        }

        void finish() throws InterruptedException {
            endRepository();
        }

        private CompletableFuture<Void> linksDone() {
            if (linksDone == null) {
                linksDone = links == null ? DONE : links.seal();
            }
            return linksDone;
        }

        private void endTag() throws InterruptedException {
            CompletableFuture<Void> indexDone = index == null ? DONE : index.seal();
            if (held != null) {
                Held h = held;
                held = null;
                start(h.source(), h.destination(), h.key(), h.decision(), CompletableFuture.allOf(linksDone(), indexDone));
            }
            index = null;
            tag = null;
        }

        private void endRepository() throws InterruptedException {
            endTag();
            if (links != null) {
                links.seal();
            }
            repository = null;
            links = null;
            linksDone = null;
        }
    }

    /** The repository a key under {@code repositories/} belongs to: up to the first "/_" (names never contain it). */
    static String repositoryOf(String key) {
        if (!key.startsWith(RegistryLayout.REPOSITORIES)) {
            return null;
        }
        int boundary = key.indexOf("/_", RegistryLayout.REPOSITORIES.length());
        return boundary > RegistryLayout.REPOSITORIES.length() ? key.substring(RegistryLayout.REPOSITORIES.length(), boundary) : null;
    }

    private static String tagOf(String key, String repository) {
        String tags = RegistryLayout.REPOSITORIES + repository + "/_manifests/tags/";
        if (!key.startsWith(tags)) {
            return null;
        }
        int end = key.indexOf('/', tags.length());
        return end > tags.length() ? key.substring(tags.length(), end) : null;
    }

    /** The planning budget an object's work counts against. */
    private Semaphore queue(String key) {
        return key.startsWith(RegistryLayout.BLOBS) ? queuedBlobs : queuedOthers;
    }
}
