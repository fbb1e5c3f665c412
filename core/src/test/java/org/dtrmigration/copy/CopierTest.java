package org.dtrmigration.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.GeneratedTree;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.registry.RecordingSink;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copier between two filesystem roots: semantics, order, integrity, faults. Backend pairs are in CopyBackendsTest. */
class CopierTest {

    static final Tuning FAST = Tuning.defaults().withRetries(4, Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofSeconds(20))
            .withProgressInterval(Duration.ofMillis(20));

    @TempDir
    Path tmp;
    FilesystemStore source;
    FilesystemStore destination;
    RecordingSink events = new RecordingSink();
    GeneratedTree tree;

    @BeforeEach
    void setUp() throws IOException {
        source = new FilesystemStore(Files.createDirectories(tmp.resolve("source")));
        destination = new FilesystemStore(Files.createDirectories(tmp.resolve("destination")));
        tree = Trees.generate(source, TreeSpec.small(42).withRepositories(4).withAbandonedUploads(2));
    }

    CopyResult copy(ObjectStore from, ObjectStore to, CopyOptions options) throws IOException {
        return new Copier(options, events, FAST).copy(from, to);
    }

    CopyResult copy(CopyOptions options) throws IOException {
        return copy(source, destination, options);
    }

    VerifyReport verify(VerifyOptions options) throws IOException {
        return new Verifier(options, events, FAST).verify(source, destination, null);
    }

    @Test
    void copiesTheWholeTreeExactlyAndAReRunCopiesNothing() throws IOException {
        SortedMap<String, String> expected = Trees.snapshot(source);

        CopyResult first = copy(CopyOptions.defaults());

        assertThat(Trees.snapshot(destination, true)).as("everything but _uploads, byte for byte").isEqualTo(expected);
        assertThat(first.complete()).isTrue();
        assertThat(first.copiedObjects()).isEqualTo(expected.size()).isEqualTo(first.sourceObjects());
        assertThat(first.unchangedObjects()).isZero();
        assertThat(first.copiedBytes()).isEqualTo(expected.values().stream().mapToLong(v -> Long.parseLong(v.split(":")[0])).sum());
        assertThat(verify(VerifyOptions.defaults().withDeep(true)).clean()).isTrue();

        FaultyStore recording = new FaultyStore(destination);
        CopyResult again = copy(source, recording, CopyOptions.defaults());
        assertThat(again.complete()).isTrue();
        assertThat(again.copiedObjects()).isZero();
        assertThat(again.unchangedObjects()).isEqualTo(expected.size());
        assertThat(recording.writes).isEmpty();
        assertThat(events.text()).contains("copied 0 objects");
    }

    @Test
    void reSyncCopiesMovedTagsAndNewImagesKeepsDeletedTagsUnlessMirroring() throws IOException {
        copy(CopyOptions.defaults());
        String repo = TreeGenerator.repositoryName(1);
        String moved = TreeGenerator.tagName(0);
        String deleted = TreeGenerator.tagName(1);
        String currentLink = RegistryLayout.tagCurrentLink(repo, moved);
        String before = Trees.text(destination, currentLink);
        Digest newTarget = Trees.moveTag(source, repo, moved, 777);
        WrittenImage added = Trees.push(source, TreeGenerator.repositoryName(2), "new", 778, 2, 500, 2000);
        Trees.untag(source, repo, deleted);
        SortedMap<String, String> expected = Trees.snapshot(source);

        FaultyStore recording = new FaultyStore(destination);
        CopyResult resync = copy(source, recording, CopyOptions.defaults());

        assertThat(resync.complete()).isTrue();
        assertThat(Trees.text(destination, currentLink)).isEqualTo(newTarget.toString()).isNotEqualTo(before);
        assertThat(destination.stat(RegistryLayout.tagCurrentLink(TreeGenerator.repositoryName(2), "new"))).isPresent();
        // Only what changed was written: the moved tag's link and new index entry, the new images' blobs and links.
        assertThat(recording.writes).contains(currentLink, RegistryLayout.tagIndexLink(repo, moved, newTarget),
                RegistryLayout.blobData(added.manifest()));
        assertThat(resync.copiedObjects()).isEqualTo(recording.writes.size()).isLessThan(30);
        assertThat(resync.extraObjects()).as("the deleted tag's links are kept without --delete").isPositive();
        assertThat(destination.stat(RegistryLayout.tagCurrentLink(repo, deleted))).isPresent();
        VerifyReport report = verify(VerifyOptions.defaults());
        assertThat(report.clean()).isFalse();
        assertThat(report.count(Difference.Kind.EXTRA)).isEqualTo(resync.extraObjects());

        CopyResult mirror = copy(source, recording, CopyOptions.defaults().withDelete(true));

        assertThat(mirror.deletedObjects()).isEqualTo(resync.extraObjects());
        assertThat(recording.deletes).contains(RegistryLayout.tagCurrentLink(repo, deleted));
        assertThat(Trees.snapshot(destination)).isEqualTo(expected);
        assertThat(verify(VerifyOptions.defaults()).clean()).isTrue();
        // Tags go first, blobs last.
        int firstBlob = indexOfFirst(recording.deletes, RegistryKey.Kind.BLOB_DATA);
        int lastTag = indexOfLast(recording.deletes, RegistryKey.Kind.TAG_CURRENT_LINK);
        assertThat(firstBlob < 0 || lastTag < firstBlob).isTrue();
    }

    @Test
    void destinationIsConsistentAtEveryMomentBlobsThenLinksThenTags() throws IOException {
        // Slow down what must come first: anything that did not wait for it would overtake it.
        assertWriteOrder("blobs-and-revisions", k -> k.startsWith(RegistryLayout.BLOBS) || k.contains("/_manifests/revisions/"));
        assertWriteOrder("blobs-and-index", k -> k.startsWith(RegistryLayout.BLOBS) || k.contains("/index/"));
    }

    private void assertWriteOrder(String name, java.util.function.Predicate<String> slow) throws IOException {
        FaultyStore recording = new FaultyStore(new FilesystemStore(Files.createDirectories(tmp.resolve(name))));
        recording.writeDelayMillis = 5;
        recording.slowWrites = slow;
        copy(source, recording, CopyOptions.defaults().withConcurrency(8));

        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < recording.writes.size(); i++) {
            position.put(recording.writes.get(i), i);
        }
        assertThat(position).hasSize(Trees.snapshot(source).size());
        for (Map.Entry<String, Integer> e : position.entrySet()) {
            RegistryKey rk = RegistryLayout.classify(e.getKey());
            int at = e.getValue();
            Digest target = switch (rk.kind()) {
                case LAYER_LINK -> ((RegistryKey.LayerLink) rk).digest();
                case REVISION_LINK -> ((RegistryKey.RevisionLink) rk).digest();
                case TAG_INDEX_LINK -> ((RegistryKey.TagIndexLink) rk).digest();
                case TAG_CURRENT_LINK -> Digest.parse(Trees.text(recording, e.getKey()));
                default -> null;
            };
            if (target != null) {
                assertThat(position.get(RegistryLayout.blobData(target))).as("blob before %s", e.getKey()).isLessThan(at);
            }
            if (rk instanceof RegistryKey.TagCurrentLink tag) {
                assertThat(position.get(RegistryLayout.tagIndexLink(tag.repository(), tag.tag(), target))).as("index before %s", e.getKey())
                        .isLessThan(at);
                assertThat(position.get(RegistryLayout.revisionLink(tag.repository(), target))).as("revision before %s", e.getKey())
                        .isLessThan(at);
            }
            if (rk instanceof RegistryKey.TagIndexLink index) {
                assertThat(position.get(RegistryLayout.revisionLink(index.repository(), index.digest()))).as("revision before %s", e.getKey())
                        .isLessThan(at);
            }
        }
    }

    @Test
    void uploadsAreSkippedOnBothSidesUnlessIncluded() throws IOException {
        String foreignUpload = RegistryLayout.upload(TreeGenerator.repositoryName(0), "dest-only", "data");
        destination.write(foreignUpload, new byte[] {1, 2});

        CopyResult skipped = copy(CopyOptions.defaults().withDelete(true));
        assertThat(Trees.snapshot(destination, true).keySet()).noneMatch(k -> k.contains("/_uploads/") && !k.equals(foreignUpload));
        assertThat(destination.stat(foreignUpload)).as("not deleted either").isPresent();
        assertThat(skipped.deletedObjects()).isZero();

        CopyResult included = copy(CopyOptions.defaults().withIncludeUploads(true).withDelete(true));
        assertThat(Trees.snapshot(destination, true)).isEqualTo(Trees.snapshot(source, true));
        assertThat(included.copiedObjects()).isEqualTo(6); // 2 uploads of data, startedat, hash state
        assertThat(included.deletedObjects()).isEqualTo(1);
    }

    @Test
    void dryRunWritesNothingAndCountsWhatItWouldDo() throws IOException {
        destination.write(RegistryLayout.tagCurrentLink("stale/repo", "old"), RegistryLayout.linkContent(tree.images().get(0).manifest()));
        FaultyStore recording = new FaultyStore(destination);
        CopyResult dry = copy(source, recording, CopyOptions.defaults().withDryRun(true).withDelete(true));

        assertThat(recording.writes).isEmpty();
        assertThat(recording.deletes).isEmpty();
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.copiedObjects()).isEqualTo(Trees.snapshot(source).size());
        assertThat(dry.deletedObjects()).isEqualTo(1);
        assertThat(events.text()).contains("would copy docker/registry/v2/blobs/sha256/", "would delete docker/registry/v2/repositories/stale/repo");
        assertThat(Trees.snapshot(destination)).hasSize(1);
    }

    @Test
    void aCorruptSourceBlobIsReportedLoudlyNotCopiedAndNotLinkedTo() throws IOException {
        WrittenImage image = tree.images().get(0);
        List<Digest> layers = new org.dtrmigration.layout.RegistryTreeReader(source).manifest(image.manifest()).layers();
        Digest layer = layers.get(layers.size() - 1);
        String blobKey = RegistryLayout.blobData(layer);
        Trees.flipByte(source, blobKey);

        CopyResult result = copy(CopyOptions.defaults());

        assertThat(result.complete()).isFalse();
        assertThat(result.problems()).extracting(Difference::kind).contains(Difference.Kind.CORRUPT_SOURCE);
        assertThat(result.problems()).filteredOn(d -> d.kind() == Difference.Kind.CORRUPT_SOURCE).singleElement()
                .satisfies(d -> assertThat(d.detail()).contains(blobKey, "hash to", layer.toString()));
        assertThat(events.text()).contains("CORRUPT SOURCE BLOB");
        assertThat(destination.stat(blobKey)).isEmpty();
        assertThat(destination.stat(RegistryLayout.layerLink(image.repository(), layer))).as("no link to a missing blob").isEmpty();
        assertThat(result.problems()).extracting(Difference::kind).contains(Difference.Kind.LINK_NOT_COPIED);
        assertThat(Files.list(destination.root()).toList()).isNotEmpty();
    }

    @Test
    void refusesASourceWithoutARegistryAndWritesNothing() throws IOException {
        FilesystemStore empty = new FilesystemStore(Files.createDirectories(tmp.resolve("empty")));
        Files.writeString(empty.root().resolve("README"), "not a registry");
        FaultyStore recording = new FaultyStore(destination);
        assertThatThrownBy(() -> copy(empty, recording, CopyOptions.defaults()))
                .isInstanceOf(StorageRootException.class)
                .hasMessageContaining("holds no docker/registry/v2/").hasMessageContaining("rootdirectory");
        FilesystemStore missing = new FilesystemStore(tmp.resolve("no-such-dir"));
        assertThatThrownBy(() -> copy(missing, recording, CopyOptions.defaults()))
                .isInstanceOf(StorageAccessException.class).hasMessageContaining("does not exist");
        assertThat(recording.writes).isEmpty();
    }

    @Test
    void transientFaultsAreRetriedAndTheCopyCompletes() throws IOException {
        FaultyStore flakySource = new FaultyStore(source);
        flakySource.resetReads = k -> k.hashCode() % 3 == 0;
        flakySource.resetReadsTimes = 2;
        FaultyStore throttled = new FaultyStore(destination);
        throttled.failWrites = k -> k.hashCode() % 2 == 0;
        throttled.failWritesTimes = 3;

        CopyResult result = copy(flakySource, throttled, CopyOptions.defaults());

        assertThat(result.complete()).isTrue();
        assertThat(flakySource.injected.get() + throttled.injected.get()).isPositive();
        assertThat(result.retries()).isGreaterThanOrEqualTo(throttled.injected.get());
        assertThat(Trees.snapshot(destination)).isEqualTo(Trees.snapshot(source));
        assertThat(verify(VerifyOptions.defaults().withDeep(true)).clean()).isTrue();
    }

    @Test
    void persistentFailuresGiveUpWithAClearErrorAfterBoundedRetries() throws IOException {
        String victim = RegistryLayout.blobData(tree.images().get(1).manifest());
        FaultyStore broken = new FaultyStore(destination);
        broken.failWrites = victim::equals;
        broken.failWritesTimes = Integer.MAX_VALUE;

        CopyResult result = copy(source, broken, CopyOptions.defaults().withDelete(true));

        assertThat(result.complete()).isFalse();
        assertThat(result.failedObjects()).isPositive();
        assertThat(result.problems()).filteredOn(d -> d.key().equals(victim)).singleElement()
                .satisfies(d -> assertThat(d.detail()).contains("503 SlowDown"));
        assertThat(broken.injected.get()).isEqualTo(FAST.retryAttempts());
        assertThat(result.problems()).extracting(Difference::kind).contains(Difference.Kind.LINK_NOT_COPIED);
        assertThat(events.text()).contains("could not copy " + victim);
    }

    @Test
    void tooManyFailuresStopTheRun() throws IOException {
        FaultyStore broken = new FaultyStore(destination);
        broken.failWrites = k -> true;
        broken.failWritesTimes = Integer.MAX_VALUE;
        CopyResult result = new Copier(CopyOptions.defaults(), events, FAST.withMaxFailures(5)).copy(source, broken);
        assertThat(result.complete()).isFalse();
        assertThat(result.problems()).extracting(Difference::kind).contains(Difference.Kind.ABORTED);
        assertThat(result.failedObjects()).isLessThan(Trees.snapshot(source).size());
    }

    @Test
    void deletionsWaitForCompleteListingsOfBothSides() throws IOException {
        copy(CopyOptions.defaults());
        String extraTag = RegistryLayout.tagCurrentLink(TreeGenerator.repositoryName(0), "extra");
        destination.write(extraTag, RegistryLayout.linkContent(tree.images().get(0).manifest()));
        FaultyStore brokenListing = new FaultyStore(source);
        brokenListing.failListings = p -> p.startsWith(RegistryLayout.BLOBS);
        brokenListing.failListingsAfter = 0;

        CopyResult result = copy(brokenListing, destination, CopyOptions.defaults().withDelete(true));

        assertThat(result.complete()).isFalse();
        assertThat(result.problems()).extracting(Difference::kind).contains(Difference.Kind.LISTING_FAILED, Difference.Kind.DELETE_SKIPPED);
        assertThat(destination.stat(extraTag)).as("not deleted while a listing was incomplete").isPresent();
        assertThat(result.deletedObjects()).isZero();
    }

    @Test
    void shardsTogetherCopyTheWholeTreeExactlyOnce() throws IOException {
        int n = 3;
        List<String> allWrites = new ArrayList<>();
        long copied = 0;
        for (int i = 1; i <= n; i++) {
            FaultyStore recording = new FaultyStore(destination);
            CopyResult r = copy(source, recording, CopyOptions.defaults().withShard(new Shard(i, n)));
            assertThat(r.complete()).isTrue();
            assertThat(r.copiedObjects()).as("shard %d copies a share", i).isPositive().isLessThan(Trees.snapshot(source).size());
            copied += r.copiedObjects();
            allWrites.addAll(recording.writes);
        }
        assertThat(allWrites).doesNotHaveDuplicates();
        assertThat(copied).isEqualTo(Trees.snapshot(source).size());
        assertThat(Trees.snapshot(destination)).isEqualTo(Trees.snapshot(source));
        assertThat(verify(VerifyOptions.defaults()).clean()).isTrue();
    }

    @Test
    void aTinyPlanningBudgetNeitherDeadlocksNorChangesTheResult() throws IOException {
        // Far more links than budget: links wait for blob planning, which must still get its share.
        Tuning tiny = FAST.withMaxQueued(4).withListingThreads(2);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CopyResult result = new Copier(CopyOptions.defaults().withConcurrency(2), events, tiny).copy(source, destination);
            assertThat(result.complete()).isTrue();
            VerifyReport report = new Verifier(VerifyOptions.defaults().withDeep(true).withConcurrency(2), events, tiny).verify(source, destination, null);
            assertThat(report.clean()).isTrue();
        });
        assertThat(Trees.snapshot(destination)).isEqualTo(Trees.snapshot(source));
    }

    @Test
    void progressIsReportedWhileCopying() throws IOException {
        FaultyStore slow = new FaultyStore(destination);
        slow.writeDelayMillis = 2;
        copy(source, slow, CopyOptions.defaults().withConcurrency(2));
        assertThat(events.lines).filteredOn(l -> l.startsWith("copy: ")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).containsPattern("\\d+/\\d+ objects, .* copied; \\d+ unchanged; .*/s"));
        assertThat(events.lines).anyMatch(l -> l.startsWith("copy: ") && l.contains("ETA"));
    }

    @Test
    void theSourceIsOpenedReadOnly() {
        ObjectStore readOnly = ReadOnlyStore.of(source);
        assertThat(ReadOnlyStore.of(readOnly)).isSameAs(readOnly);
        assertThatThrownBy(() -> readOnly.write("docker/registry/v2/x", new byte[] {1})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> readOnly.delete("docker/registry/v2/x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> readOnly.abortIncompleteWrites("", java.time.Instant.now(), k -> true)).isInstanceOf(IllegalStateException.class);
        assertThat(source.root().resolve("docker/registry/v2/x")).doesNotExist();
    }

    private static int indexOfFirst(List<String> keys, RegistryKey.Kind kind) {
        for (int i = 0; i < keys.size(); i++) {
            if (RegistryLayout.classify(keys.get(i)).kind() == kind) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfLast(List<String> keys, RegistryKey.Kind kind) {
        int last = -1;
        for (int i = 0; i < keys.size(); i++) {
            if (RegistryLayout.classify(keys.get(i)).kind() == kind) {
                last = i;
            }
        }
        return last;
    }

    @SuppressWarnings("unused")
    private static SortedMap<String, String> minus(SortedMap<String, String> a, SortedMap<String, String> b) {
        SortedMap<String, String> r = new TreeMap<>(a);
        r.keySet().removeAll(b.keySet());
        return r;
    }
}
