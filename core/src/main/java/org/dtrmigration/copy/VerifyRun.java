package org.dtrmigration.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.InvalidManifestException;
import org.dtrmigration.layout.ManifestInfo;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeReader;
import org.dtrmigration.storage.NoSuchObjectException;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageAccessException;

/** One verification; see {@link Verifier}. */
final class VerifyRun {

    private static final int KEPT = 1000;
    private static final int MANIFEST_CACHE = 10_000;
    private static final int MAX_INDEX_DEPTH = 3;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ObjectStore source;
    private final ObjectStore destination;
    private final VerifyOptions options;
    private final Tuning tuning;
    private final EventSink events;
    private final Retries retries;
    private final Differences differences;
    private final BlobIndex sourceBlobs = new BlobIndex();
    private final BlobIndex destinationBlobs = new BlobIndex();
    private final Barrier checks = new Barrier();
    /** Completes when every blob part is listed and the blob sets are frozen. */
    private final CompletableFuture<Void> indexed = new CompletableFuture<>();
    /**
     * Bounds work planned ahead, and with it memory. Blob parts and the other parts have separate budgets: work of
     * the other parts may wait for the blob parts to be planned, which must never wait for a budget it holds.
     */
    private final Semaphore queuedBlobs;
    private final Semaphore queuedOthers;
    private final AtomicReference<StorageAccessException> fatal = new AtomicReference<>();
    private final AtomicLong sourceObjects = new AtomicLong();
    private final AtomicLong sourceBytes = new AtomicLong();
    private final AtomicLong destinationObjects = new AtomicLong();
    private final AtomicLong destinationBytes = new AtomicLong();
    private final AtomicLong danglingInSource = new AtomicLong();
    private final AtomicLong deepChecked = new AtomicLong();
    private final AtomicInteger partsDone = new AtomicInteger();
    private final Map<Digest, Boolean> manifestsChecked = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Digest, Boolean> eldest) {
            return size() > MANIFEST_CACHE;
        }
    };
    /** Blob parts and the other parts list on separate threads: the others may wait for the blobs, never the reverse. */
    private final ExecutorService listingPool;
    private final ExecutorService blobListingPool;
    private final ExecutorService checkPool;
    private volatile int partsTotal;

    VerifyRun(ObjectStore source, ObjectStore destination, VerifyOptions options, Tuning tuning, EventSink events,
              Consumer<Difference> listener) {
        // Verification writes nothing anywhere.
        this.source = ReadOnlyStore.of(source);
        this.destination = ReadOnlyStore.of(destination);
        this.options = options;
        this.tuning = tuning;
        this.events = events;
        this.retries = new Retries(tuning);
        this.differences = new Differences(KEPT, listener);
        this.queuedBlobs = new Semaphore(Math.max(1, tuning.maxQueued() / 2));
        this.queuedOthers = new Semaphore(Math.max(1, tuning.maxQueued() / 2));
        AtomicInteger n = new AtomicInteger();
        this.listingPool = Executors.newFixedThreadPool(tuning.listingThreads(), r -> daemon(r, "dtr-migrate-verify-list-" + n.incrementAndGet()));
        this.blobListingPool = Executors.newFixedThreadPool(tuning.listingThreads(), r -> daemon(r, "dtr-migrate-verify-list-" + n.incrementAndGet()));
        this.checkPool = Executors.newFixedThreadPool(options.concurrency(), r -> daemon(r, "dtr-migrate-verify-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    VerifyReport execute() throws IOException {
        long t0 = System.nanoTime();
        events.info("Verifying that " + destination.describe() + " is an exact copy of " + source.describe()
                + (options.deep() ? " (deep: re-hashing every destination blob)" : ""));
        java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dtr-migrate-verify-progress"));
        try {
            Preflight.check(source, destination, retries);
            Partition partition = Partition.discover(source, destination, Shard.all(), retries, listingPool);
            partsTotal = partition.blobParts().size() + partition.otherParts().size();
            long ms = tuning.progressInterval().toMillis();
            timer.scheduleAtFixedRate(() -> events.progress(progressLine()), ms, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
            runParts(partition);
            await(checks.seal());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checkPool.shutdownNow();
            throw new InterruptedIOException("verification interrupted");
        } finally {
            timer.shutdownNow();
            listingPool.shutdownNow();
            blobListingPool.shutdownNow();
            checkPool.shutdown();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        VerifyReport report = new VerifyReport(sourceObjects.get(), sourceBytes.get(), destinationObjects.get(), destinationBytes.get(),
                danglingInSource.get(), deepChecked.get(), Duration.ofNanos(System.nanoTime() - t0), differences.counts(),
                differences.kept(), differences.total());
        if (report.clean()) {
            events.info(report.summary());
        } else {
            events.warn(report.summary());
            for (Difference d : report.differences().subList(0, Math.min(20, report.differences().size()))) {
                events.warn("  " + d);
            }
        }
        return report;
    }

    private String progressLine() {
        return "verify: " + sourceObjects.get() + " source and " + destinationObjects.get() + " destination objects compared, "
                + differences.total() + " difference(s)" + (options.deep() ? ", " + deepChecked.get() + " blobs re-hashed" : "")
                + ", listing " + partsDone.get() + "/" + partsTotal + " prefixes";
    }

    /**
     * Lists both kinds of parts at once (repositories first: few, large); link targets are checked only once the
     * blob parts are all listed and the blob sets are complete ({@link #indexed}).
     */
    private void runParts(Partition partition) throws InterruptedException {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Partition.Part part : partition.otherParts()) {
            running.add(CompletableFuture.runAsync(() -> runPart(part, false), listingPool));
        }
        List<CompletableFuture<Void>> blobParts = new ArrayList<>();
        for (Partition.Part part : partition.blobParts()) {
            blobParts.add(CompletableFuture.runAsync(() -> runPart(part, true), blobListingPool));
        }
        CompletableFuture.allOf(blobParts.toArray(CompletableFuture[]::new)).whenComplete((r, e) -> {
            sourceBlobs.freeze();
            destinationBlobs.freeze();
            indexed.complete(null);
        });
        running.addAll(blobParts);
        await(CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)));
    }

    private void runPart(Partition.Part part, boolean blobPhase) {
        try {
            if (part.singleKey()) {
                Optional<ObjectInfo> s = retries.get(() -> source.stat(part.prefix()));
                Optional<ObjectInfo> d = retries.get(() -> destination.stat(part.prefix()));
                if (s.isPresent() || d.isPresent()) {
                    compare(new MergeJoin.Pair(s.orElse(null), d.orElse(null)), blobPhase);
                }
            } else {
                try (ObjectListing s = new RetryingListing(source, part.prefix(), retries);
                     ObjectListing d = new RetryingListing(destination, part.prefix(), retries);
                     MergeJoin join = new MergeJoin(s, d)) {
                    while (fatal.get() == null && join.hasNext()) {
                        compare(join.next(), blobPhase);
                    }
                }
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
            partsDone.incrementAndGet();
        }
    }

    private void listingFailed(Partition.Part part, IOException e) {
        if (e instanceof StorageAccessException access) {
            fatal.compareAndSet(null, access);
        } else {
            differences.add(new Difference(Difference.Kind.LISTING_FAILED, part.toString(), String.valueOf(e.getMessage())));
        }
    }

    private void compare(MergeJoin.Pair pair, boolean blobPhase) throws InterruptedException {
        String key = pair.key();
        RegistryKey rk = RegistryLayout.classify(key);
        if (rk.kind() == RegistryKey.Kind.UPLOAD && !options.includeUploads()) {
            return;
        }
        ObjectInfo s = pair.source();
        ObjectInfo d = pair.destination();
        if (s != null) {
            sourceObjects.incrementAndGet();
            sourceBytes.addAndGet(s.size());
            if (rk instanceof RegistryKey.BlobData blob) {
                sourceBlobs.add(blob.digest());
            }
        }
        if (d != null) {
            destinationObjects.incrementAndGet();
            destinationBytes.addAndGet(d.size());
            if (rk instanceof RegistryKey.BlobData blob) {
                destinationBlobs.add(blob.digest());
            }
        }
        if (s == null) {
            differences.add(new Difference(Difference.Kind.EXTRA, key, "in the destination only (" + d.size() + " bytes)"));
        } else if (d == null) {
            differences.add(new Difference(Difference.Kind.MISSING, key, "not in the destination (" + s.size() + " bytes)"));
        } else if (s.size() != d.size()) {
            differences.add(new Difference(Difference.Kind.SIZE_MISMATCH, key, "source " + s.size() + " bytes, destination "
                    + d.size() + " bytes"));
        } else if (rk instanceof RegistryKey.BlobData blob) {
            if (options.deep()) {
                check(key, () -> rehash(key, blob.digest()));
            }
        } else if (s.md5Hex() != null && d.md5Hex() != null) {
            if (!s.md5Hex().equalsIgnoreCase(d.md5Hex())) {
                differences.add(contentMismatch(rk, key));
            }
        } else {
            check(key, () -> compareContent(rk, s, d));
        }
        if (d != null && !blobPhase) {
            checkTarget(rk, key);
        }
    }

    private static Difference contentMismatch(RegistryKey rk, String key) {
        return new Difference(Difference.Kind.CONTENT_MISMATCH, key, rk.kind() == RegistryKey.Kind.TAG_CURRENT_LINK
                ? "the tag points at another manifest in the destination" : "same size, different content");
    }

    /** Runs a read-only check on the pool, bounded in number queued. */
    private void check(String key, CheckedRunnable task) throws InterruptedException {
        check(key, task, DONE);
    }

    private void check(String key, CheckedRunnable task, CompletableFuture<Void> after) throws InterruptedException {
        Semaphore queued = queue(key);
        queued.acquire();
        checks.add(after.thenRunAsync(() -> {
            if (fatal.get() != null) {
                return;
            }
            try {
                task.run();
            } catch (StorageAccessException e) {
                fatal.compareAndSet(null, e);
            } catch (IOException | RuntimeException e) {
                differences.add(new Difference(Difference.Kind.UNREADABLE, key, String.valueOf(e.getMessage())));
            }
        }, checkPool).whenComplete((r, e) -> queued.release()));
    }

    @FunctionalInterface
    private interface CheckedRunnable {
        void run() throws IOException;
    }

    private void compareContent(RegistryKey rk, ObjectInfo s, ObjectInfo d) throws IOException {
        String key = s.key();
        byte[] a = s.md5Hex() != null ? HexFormat.of().parseHex(s.md5Hex()) : md5Of(source, key);
        byte[] b = d.md5Hex() != null ? HexFormat.of().parseHex(d.md5Hex()) : md5Of(destination, key);
        if (a != null && b != null && !Arrays.equals(a, b)) {
            differences.add(contentMismatch(rk, key));
        }
    }

    private byte[] md5Of(ObjectStore store, String key) throws IOException {
        try {
            return retries.get(() -> hash(store, key, "MD5"));
        } catch (NoSuchObjectException e) {
            return null; // deleted since listed: the listing comparison stands
        }
    }

    private void rehash(String key, Digest expected) throws IOException {
        byte[] sha = retries.get(() -> hash(destination, key, expected.algorithm().equals(Digest.SHA512) ? "SHA-512" : "SHA-256"));
        deepChecked.incrementAndGet();
        Digest actual = new Digest(expected.algorithm(), HexFormat.of().formatHex(sha));
        if (!actual.equals(expected)) {
            differences.add(new Difference(Difference.Kind.CONTENT_MISMATCH, key, "the destination blob is corrupt: its content hashes to "
                    + actual));
        }
    }

    private static byte[] hash(ObjectStore store, String key, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = store.read(key)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return md.digest();
    }

    // ---- link closure -----------------------------------------------------------------------------

    private void checkTarget(RegistryKey rk, String key) throws InterruptedException {
        switch (rk.kind()) {
            case LAYER_LINK -> check(key, () -> present(key, ((RegistryKey.LayerLink) rk).digest(), "blob"), indexed);
            case REVISION_LINK -> check(key, () -> present(key, ((RegistryKey.RevisionLink) rk).digest(), "manifest"), indexed);
            case TAG_INDEX_LINK -> check(key, () -> present(key, ((RegistryKey.TagIndexLink) rk).digest(), "manifest"), indexed);
            case TAG_CURRENT_LINK -> check(key, () -> checkTag(key), indexed);
            default -> {
                // not a link
            }
        }
    }

    /** Whether the destination holds the blob; reports a dangling link when not (or counts it when the source lacks it too). */
    private boolean present(String key, Digest digest, String what) {
        if (destinationBlobs.contains(digest)) {
            return true;
        }
        if (!sourceBlobs.contains(digest)) {
            danglingInSource.incrementAndGet();
        } else {
            differences.add(new Difference(Difference.Kind.DANGLING_LINK, key, "points at " + what + " " + digest
                    + ", which the destination lacks"));
        }
        return false;
    }

    /** The tag's manifest and every blob it references (through manifest lists too) must be in the destination. */
    private void checkTag(String key) throws IOException {
        byte[] content;
        try {
            content = retries.get(() -> destination.readAllBytes(key));
        } catch (NoSuchObjectException e) {
            return;
        }
        Optional<Digest> target = Digest.tryParse(new String(content, StandardCharsets.US_ASCII));
        if (target.isEmpty()) {
            differences.add(new Difference(Difference.Kind.DANGLING_LINK, key, "holds no digest (" + content.length + " bytes)"));
            return;
        }
        if (present(key, target.get(), "manifest")) {
            checkManifest(key, target.get(), 0);
        }
    }

    private void checkManifest(String tagKey, Digest manifest, int depth) throws IOException {
        synchronized (manifestsChecked) {
            if (manifestsChecked.containsKey(manifest)) {
                return;
            }
        }
        ManifestInfo info;
        try {
            byte[] content = retries.get(() -> destination.readAllBytes(RegistryLayout.blobData(manifest)));
            info = RegistryTreeReader.parseManifest(manifest, content);
        } catch (InvalidManifestException e) {
            return; // not a manifest this tool understands: its references cannot be checked
        } catch (NoSuchObjectException e) {
            return; // reported by present()
        }
        boolean complete = true;
        if (info.config() != null) {
            complete &= present(tagKey, info.config(), "config blob (of manifest " + manifest + ")");
        }
        for (Digest layer : info.layers()) {
            complete &= present(tagKey, layer, "layer (of manifest " + manifest + ")");
        }
        for (Digest child : info.manifests()) {
            if (present(tagKey, child, "child manifest (of index " + manifest + ")") && depth < MAX_INDEX_DEPTH) {
                checkManifest(tagKey, child, depth + 1);
            }
        }
        if (complete) {
            synchronized (manifestsChecked) {
                manifestsChecked.put(manifest, Boolean.TRUE);
            }
        }
    }

    private static void await(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("internal error: " + e.getCause(), e.getCause());
        }
    }

    /** The planning budget an object's work counts against. */
    private Semaphore queue(String key) {
        return key.startsWith(RegistryLayout.BLOBS) ? queuedBlobs : queuedOthers;
    }
}
