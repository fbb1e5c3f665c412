package org.dtrmigration.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.Utf8Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copier's pure parts: key order, merge-join, shards, requests, overlap, blob verification while streaming. */
class CopyPartsTest {

    @TempDir
    Path tmp;

    @Test
    void utf8OrderIsCodePointOrderNotUtf16() {
        List<String> keys = new ArrayList<>(List.of("a/\uFF5E", "a/\uD83D\uDE00", "a/b", "a-b", "a/\u00e9", "a"));
        keys.sort(Utf8Order.COMPARATOR);
        assertThat(keys).containsExactly("a", "a-b", "a/b", "a/\u00e9", "a/\uFF5E", "a/\uD83D\uDE00");
        for (String x : keys) {
            for (String y : keys) {
                int bytes = java.util.Arrays.compareUnsigned(x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        y.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(Integer.signum(Utf8Order.compare(x, y))).as("%s vs %s", x, y).isEqualTo(Integer.signum(bytes));
            }
        }
    }

    @Test
    void mergeJoinPairsEqualKeysAndRejectsUnsortedListings() throws IOException {
        MergeJoin join = new MergeJoin(listing("a", "c", "d"), listing("b", "c", "e"));
        List<String> seen = new ArrayList<>();
        while (join.hasNext()) {
            MergeJoin.Pair p = join.next();
            seen.add(p.key() + (p.source() != null ? "S" : "") + (p.destination() != null ? "D" : ""));
        }
        assertThat(seen).containsExactly("aS", "bD", "cSD", "dS", "eD");
        MergeJoin unsorted = new MergeJoin(listing("b", "a"), listing());
        unsorted.next();
        assertThatThrownBy(unsorted::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("not in ascending UTF-8 order");
    }

    private static ObjectListing listing(String... keys) {
        return ObjectListing.of(java.util.Arrays.stream(keys).map(k -> new ObjectInfo(k, 1)).iterator());
    }

    @Test
    void shardsPartitionKeysDeterministically() {
        String blob = RegistryLayout.blobData(Digest.of(new byte[] {1}));
        List<String> keys = List.of(blob, RegistryLayout.tagCurrentLink("team/app", "v1"), RegistryLayout.layerLink("team/app", Digest.of(new byte[] {2})),
                "docker/registry/v2/stray", RegistryLayout.tagCurrentLink("other/app", "v1"));
        for (String key : keys) {
            assertThat(IntStream.rangeClosed(1, 4).filter(i -> new Shard(i, 4).owns(key)).count()).as(key).isEqualTo(1);
        }
        // A repository's keys stay together.
        Shard owner = IntStream.rangeClosed(1, 4).mapToObj(i -> new Shard(i, 4)).filter(s -> s.owns(keys.get(1))).findFirst().orElseThrow();
        assertThat(owner.owns(keys.get(2))).isTrue();
        assertThat(new Shard(1, 256).ownsBlobDirectory("00")).isTrue();
        assertThat(new Shard(2, 256).ownsBlobDirectory("01")).isTrue();
        assertThat(new Shard(2, 256).ownsBlobDirectory("00")).isFalse();
        assertThat(Shard.parse("2/4", "--shard")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(null, "--shard")).isEqualTo(Shard.all());
        assertThatThrownBy(() -> Shard.parse("5/4", "--shard")).hasMessage("--shard: the shard number must be between 1 and 4, got 5");
        assertThatThrownBy(() -> Shard.parse("0/4", "--shard")).hasMessageStartingWith("--shard:");
        assertThatThrownBy(() -> Shard.parse("x", "shard")).hasMessageContaining("shard: expected I/N");
        assertThatThrownBy(() -> Shard.parse("1/300", "shard")).hasMessageContaining("between 1 and 256");
    }

    @Test
    void requestsRefuseOverlappingRootsAndMismatchedCredentials() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("registry"));
        Endpoint fs = new Endpoint("from", new FilesystemLocation(root.toString()), StorageCredentials.none());
        Endpoint inside = new Endpoint("to", new FilesystemLocation(root.resolve("copy").toString()), StorageCredentials.none());
        Path link = Files.createSymbolicLink(tmp.resolve("alias"), root);
        Endpoint viaLink = new Endpoint("to", new FilesystemLocation(link.toString()), StorageCredentials.none());
        Endpoint sibling = new Endpoint("to", new FilesystemLocation(tmp.resolve("registry-copy").toString()), StorageCredentials.none());
        assertThatThrownBy(() -> new CopyRequest(fs, inside, CopyOptions.defaults())).hasMessageStartingWith("to: ")
                .hasMessageContaining("overlaps from");
        assertThatThrownBy(() -> new CopyRequest(fs, viaLink, CopyOptions.defaults())).hasMessageContaining("overlaps");
        assertThat(new CopyRequest(fs, sibling, CopyOptions.defaults()).to()).isEqualTo(sibling);

        S3Credentials key = S3Credentials.of("AKIA", Secret.of("s"));
        URI minio = URI.create("http://127.0.0.1:9000");
        Endpoint bucketRoot = new Endpoint("from", new S3Location("b", "", null, minio, true), key);
        Endpoint s3a = new Endpoint("from", new S3Location("b", "dtr/one", null, minio, true), key);
        Endpoint s3b = new Endpoint("to", new S3Location("b", "dtr/one-copy", null, minio, true), key);
        Endpoint otherBucket = new Endpoint("to", new S3Location("c", "dtr/one", null, minio, true), key);
        assertThat(new CopyRequest(s3a, s3b, CopyOptions.defaults())).isNotNull();
        assertThat(new CopyRequest(s3a, otherBucket, CopyOptions.defaults())).isNotNull();
        assertThatThrownBy(() -> new CopyRequest(bucketRoot, s3b, CopyOptions.defaults())).hasMessageContaining("bucket 'b'");
        assertThatThrownBy(() -> new VerifyRequest(s3a, new Endpoint("to", new S3Location("b", "dtr/one/x", null, minio, true), key),
                VerifyOptions.defaults())).hasMessageContaining("overlaps");

        AzureCredentials az = new AzureCredentials.SharedKey("acct", Secret.of("k"));
        Endpoint za = new Endpoint("from", new AzureLocation("reg", "", "acct", null, false), az);
        Endpoint zb = new Endpoint("to", new AzureLocation("reg", "copy", "acct", null, false), az);
        Endpoint zc = new Endpoint("to", new AzureLocation("reg", "", "other", null, false), az);
        assertThatThrownBy(() -> new CopyRequest(za, zb, CopyOptions.defaults())).hasMessageContaining("container 'reg'");
        assertThat(new CopyRequest(za, zc, CopyOptions.defaults())).isNotNull();

        StorageLocation s3 = new S3Location("b", "", null, minio, true);
        assertThatThrownBy(() -> new Endpoint("to", s3, az)).hasMessageStartingWith("to: ").hasMessageContaining("needs S3 credentials");
        assertThatThrownBy(() -> new Endpoint("from", null, az)).hasMessageStartingWith("from: ");
        assertThatThrownBy(() -> new CopyRequest(null, s3b, CopyOptions.defaults())).hasMessageStartingWith("from: ");
        assertThat(new Endpoint("from", s3, key).toString()).doesNotContain("AKIA").contains("s3://b/");
        assertThatThrownBy(() -> CopyOptions.defaults().withConcurrency(0)).hasMessageStartingWith("concurrency: ");
    }

    @Test
    void aVerifyingStreamRefusesToDeliverTheEndOfACorruptOrTruncatedBlob() throws IOException {
        byte[] content = new byte[100_000];
        new java.util.Random(1).nextBytes(content);
        Digest digest = Digest.of(content);
        assertThat(new VerifyingInputStream(new ByteArrayInputStream(content), "here", "k", digest, content.length).readAllBytes())
                .isEqualTo(content);

        byte[] flipped = content.clone();
        flipped[50_000] ^= 1;
        InputStream corrupt = new VerifyingInputStream(new ByteArrayInputStream(flipped), "the source", "k", digest, content.length);
        byte[] buffer = new byte[60_000];
        assertThat(corrupt.readNBytes(buffer, 0, buffer.length)).as("the beginning streams").isEqualTo(60_000);
        assertThatThrownBy(() -> corrupt.readNBytes(40_000)).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("is corrupt").hasMessageContaining("not " + digest);

        InputStream truncated = new VerifyingInputStream(new ByteArrayInputStream(content, 0, 99_999), "s", "k", digest, content.length);
        assertThatThrownBy(truncated::readAllBytes).isInstanceOf(DigestMismatchException.class).hasMessageContaining("ended after 99999");
        InputStream longer = new VerifyingInputStream(new ByteArrayInputStream(content), "s", "k", digest, 99_999);
        assertThatThrownBy(longer::readAllBytes).isInstanceOf(DigestMismatchException.class);
    }

    @Test
    void partitionSplitsRepositoriesPerRepositoryAndCoversEveryKeyOfBothSidesOnce() throws IOException {
        String v2 = RegistryLayout.ROOT;
        org.dtrmigration.storage.FilesystemStore a = new org.dtrmigration.storage.FilesystemStore(Files.createDirectories(tmp.resolve("a")));
        org.dtrmigration.storage.FilesystemStore b = new org.dtrmigration.storage.FilesystemStore(Files.createDirectories(tmp.resolve("b")));
        List<String> keysA = List.of(v2 + "blobs/sha256/00/00aa/data", v2 + "blobs/sha256/ff/ffaa/data", v2 + "blobs/stray",
                v2 + "repositories/org/app/_layers/sha256/00aa/link", v2 + "repositories/org/app/_manifests/tags/1/current/link",
                v2 + "repositories/org/web/_layers/sha256/ffaa/link", v2 + "repositories/org/loose-object",
                v2 + "repositories/team/deep/er/_layers/sha256/00aa/link", v2 + "repositories/top-level-file", v2 + "other/x",
                v2 + "repositories/ubuntu/_layers/sha256/00aa/link", v2 + "repositories/ubuntu/_manifests/tags/1/current/link");
        List<String> keysB = List.of(v2 + "blobs/sha256/01/01aa/data", v2 + "repositories/org/gone/_layers/sha256/01aa/link",
                v2 + "repositories/old/app/_layers/sha256/01aa/link", v2 + "repositories/org/app/_layers/sha256/00aa/link");
        for (String k : keysA) {
            a.write(k, k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String k : keysB) {
            b.write(k, k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            Partition partition = Partition.discover(a, b, Shard.all(), new Retries(CopierTest.FAST), pool);
            assertThat(partition.otherParts()).extracting(Partition.Part::toString).contains(
                    v2 + "repositories/org/app/*", v2 + "repositories/org/web/*", v2 + "repositories/org/gone/*",
                    v2 + "repositories/old/app/*", v2 + "repositories/team/deep/*", v2 + "repositories/org/loose-object",
                    v2 + "repositories/top-level-file", v2 + "repositories/ubuntu/*");
            assertThat(partition.otherParts()).extracting(Partition.Part::toString).as("a single-level repository is one part")
                    .noneMatch(part -> part.startsWith(v2 + "repositories/ubuntu/_"));
            // Every key of either side is in exactly one part.
            List<String> covered = new ArrayList<>();
            List<Partition.Part> all = new ArrayList<>(partition.blobParts());
            all.addAll(partition.otherParts());
            for (Partition.Part part : all) {
                for (org.dtrmigration.storage.FilesystemStore side : List.of(a, b)) {
                    if (part.singleKey()) {
                        side.stat(part.prefix()).ifPresent(info -> covered.add(info.key()));
                    } else {
                        try (ObjectListing listing = side.list(part.prefix())) {
                            listing.forEachRemaining(info -> covered.add(info.key()));
                        }
                    }
                }
            }
            List<String> expected = new ArrayList<>(keysA);
            expected.addAll(keysB);
            assertThat(covered).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
