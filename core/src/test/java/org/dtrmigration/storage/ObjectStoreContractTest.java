package org.dtrmigration.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.testing.AzuriteServer;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

/**
 * The {@link ObjectStore} contract, run against every backend on a real server: the filesystem,
 * S3 (S3Proxy in-process) and Azure Blob (Azurite).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectStoreContractTest {

    enum Backend { FILESYSTEM, S3, AZURE }

    private static final String BUCKET = "contract";
    private static final String WRONG_SECRET = "wrong-secret-d41d8cd98f00b204";
    /** Lowered so a 20 MiB object goes through multipart / block staging in 4 parts. */
    private static final StoreOptions SMALL_PARTS = StoreOptions.defaults().withMultipart(StoreOptions.MIN_PART_SIZE, StoreOptions.MIN_PART_SIZE);

    @TempDir
    Path tmp;

    private S3ProxyServer s3;
    private AzuriteServer azurite;
    private Throwable azuriteProblem;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<ObjectStore> opened = new ArrayList<>();

    @BeforeAll
    void startServers() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        try {
            azurite = AzuriteServer.startOrSkip();
            azurite.createContainer(BUCKET);
        } catch (RuntimeException e) {
            azuriteProblem = e; // skip (or, under CI, fail) only the Azure cases
        }
    }

    @AfterAll
    void stopServers() throws Exception {
        for (ObjectStore store : opened) {
            store.close();
        }
        if (azurite != null) {
            azurite.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /** A store rooted at a fresh prefix, so every test starts empty. */
    private ObjectStore open(Backend backend, StoreOptions options) throws IOException {
        String prefix = "t" + counter.incrementAndGet() + "/root";
        StoreFactory factory = new StoreFactory(options);
        ObjectStore store = switch (backend) {
            case FILESYSTEM -> {
                Path root = tmp.resolve(prefix);
                Files.createDirectories(root);
                yield factory.open(new FilesystemLocation(root.toString()), StorageCredentials.none());
            }
            case S3 -> factory.open(s3.location(BUCKET, prefix), s3.credentials());
            case AZURE -> {
                requireAzurite();
                yield factory.open(azurite.location(BUCKET, prefix), azurite.credentials());
            }
        };
        opened.add(store);
        return store;
    }

    private ObjectStore open(Backend backend) throws IOException {
        return open(backend, StoreOptions.defaults());
    }

    private void requireAzurite() {
        if (azuriteProblem instanceof TestAbortedException skip) {
            throw skip;
        }
        if (azuriteProblem != null) {
            throw new IllegalStateException(azuriteProblem.getMessage(), azuriteProblem);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void writeReadStatDelete(Backend backend) throws IOException {
        ObjectStore store = open(backend);
        byte[] content = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String key = "docker/registry/v2/repositories/team/app/_manifests/tags/v1/current/link";

        store.write(key, new ByteArrayInputStream(content), content.length, md5(content));

        assertThat(store.readAllBytes(key)).isEqualTo(content);
        ObjectInfo info = store.stat(key).orElseThrow();
        assertThat(info.key()).isEqualTo(key);
        assertThat(info.size()).isEqualTo(content.length);
        if (store.md5InListings()) {
            assertThat(info.md5Hex()).isEqualTo(hex(md5(content)));
        }

        store.delete(key);
        assertThat(store.stat(key)).isEmpty();
        assertThatThrownBy(() -> store.read(key)).isInstanceOf(NoSuchObjectException.class).hasMessageContaining(key);
        assertThat(store.list("").toList()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void emptyObject(Backend backend) throws IOException {
        ObjectStore store = open(backend);
        store.write("a/empty", new ByteArrayInputStream(new byte[0]), 0, md5(new byte[0]));
        assertThat(store.readAllBytes("a/empty")).isEmpty();
        assertThat(store.stat("a/empty").orElseThrow().size()).isZero();
        assertThat(store.list("a/").toList()).extracting(ObjectInfo::key).containsExactly("a/empty");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listingIsInUtf8ByteOrderOfFullKeys(Backend backend) throws IOException {
        ObjectStore store = open(backend);
        // A directory-by-directory walk would put "a/c/d" after "a/c_d" or before "a/c-d"; flat byte order does not.
        List<String> keys = List.of("z", "a/c_d", "a/c/d", "a/c.d", "a/c-d", "a/b", "a_b/x", "a.b/x", "a-b/x", "A/x", "B-x",
                "a0/x", "ab/x", "a\u00e9/x", "docker/registry/v2/blobs/sha256/0a/0a1b/data", "docker/registry/v2/blobs/sha256/0a-x/data");
        for (String key : keys) {
            store.write(key, key.getBytes(StandardCharsets.UTF_8));
        }
        List<ObjectInfo> listed = store.list("").toList();
        assertThat(listed).extracting(ObjectInfo::key).containsExactlyElementsOf(byteOrder(keys));
        for (ObjectInfo info : listed) {
            assertThat(info.size()).isEqualTo(info.key().getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listingByPrefix(Backend backend) throws IOException {
        ObjectStore store = open(backend);
        for (String key : List.of("a/c_d", "a/c/d", "a/c.d", "a/c-d", "a/b", "ab/x", "b/x")) {
            store.write(key, new byte[] {1});
        }
        assertThat(store.list("a/c").toList()).extracting(ObjectInfo::key).containsExactly("a/c-d", "a/c.d", "a/c/d", "a/c_d");
        assertThat(store.list("a/c/").toList()).extracting(ObjectInfo::key).containsExactly("a/c/d");
        assertThat(store.list("a/").toList()).extracting(ObjectInfo::key).containsExactly("a/b", "a/c-d", "a/c.d", "a/c/d", "a/c_d");
        assertThat(store.list("a").toList()).extracting(ObjectInfo::key)
                .containsExactly("a/b", "a/c-d", "a/c.d", "a/c/d", "a/c_d", "ab/x");
        assertThat(store.list("nothing/").toList()).isEmpty();
        assertThat(store.list("b/x").toList()).extracting(ObjectInfo::key).containsExactly("b/x");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listChildrenShowsOneLevelInByteOrder(Backend backend) throws IOException {
        ObjectStore store = open(backend);
        for (String key : List.of("v2/blobs/sha256/0a/x/data", "v2/blobs/sha256/ff/y/data", "v2/blobs/stray", "v2/a-b",
                "v2/a/c", "v2/a/d/e", "v2/\u00e9/x", "v2/z", "other/k")) {
            store.write(key, new byte[] {1});
        }
        assertThat(store.listChildren("v2/")).containsExactly("v2/a-b", "v2/a/", "v2/blobs/", "v2/z", "v2/\u00e9/");
        assertThat(store.listChildren("v2/blobs/")).containsExactly("v2/blobs/sha256/", "v2/blobs/stray");
        assertThat(store.listChildren("v2/blobs/sha256/")).containsExactly("v2/blobs/sha256/0a/", "v2/blobs/sha256/ff/");
        assertThat(store.listChildren("")).containsExactly("other/", "v2/");
        assertThat(store.listChildren("missing/")).isEmpty();
        // The default (a full walk) agrees with the driver's own answer.
        ObjectStore plain = new ObjectStore() {
            @Override public String describe() { return "plain"; }
            @Override public ObjectListing list(String prefix) throws IOException { return store.list(prefix); }
            @Override public java.util.Optional<ObjectInfo> stat(String key) { throw new UnsupportedOperationException(); }
            @Override public InputStream read(String key) { throw new UnsupportedOperationException(); }
            @Override public void write(String key, InputStream content, long length, byte[] md5) { throw new UnsupportedOperationException(); }
            @Override public void delete(String key) { throw new UnsupportedOperationException(); }
        };
        for (String prefix : List.of("", "v2/", "v2/blobs/", "v2/a/")) {
            assertThat(plain.listChildren(prefix)).as(prefix).containsExactlyElementsOf(store.listChildren(prefix));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void md5InListingsWhereTheBackendPromisesIt(Backend backend) throws IOException {
        ObjectStore store = open(backend);
        byte[] content = "some link content".getBytes(StandardCharsets.UTF_8);
        store.write("k/link", new ByteArrayInputStream(content), content.length, null); // MD5 not given: computed
        ObjectInfo listed = store.list("k/").toList().get(0);
        if (store.md5InListings()) {
            assertThat(listed.md5Hex()).isEqualTo(hex(md5(content)));
        } else {
            assertThat(listed.md5Hex()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void overwriteReplacesContent(Backend backend) throws IOException {
        ObjectStore store = open(backend);
        store.write("tags/latest/current/link", "first version, longer".getBytes(StandardCharsets.UTF_8));
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);
        store.write("tags/latest/current/link", new ByteArrayInputStream(second), second.length, md5(second));
        assertThat(store.readAllBytes("tags/latest/current/link")).isEqualTo(second);
        List<ObjectInfo> listed = store.list("").toList();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).size()).isEqualTo(second.length);
        if (store.md5InListings()) {
            assertThat(listed.get(0).md5Hex()).isEqualTo(hex(md5(second)));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void largeObjectGoesInParts(Backend backend) throws IOException {
        ObjectStore store = open(backend, SMALL_PARTS);
        byte[] content = random(20 * StoreOptions.MiB + 12345);
        String key = "docker/registry/v2/blobs/sha256/ab/abcdef/data";

        store.write(key, new ByteArrayInputStream(content), content.length, md5(content));

        assertThat(digest(store.read(key))).isEqualTo(md5(content));
        assertThat(store.stat(key).orElseThrow().size()).isEqualTo(content.length);
        ObjectInfo listed = store.list("docker/").toList().get(0);
        assertThat(listed.size()).isEqualTo(content.length);
        if (backend == Backend.AZURE) {
            // Committed with the whole content's MD5 even though it went up in blocks.
            assertThat(listed.md5Hex()).isEqualTo(hex(md5(content)));
        } else {
            // A multipart ETag ("…-4") is not an MD5, and a filesystem listing has none: unknown, never wrong.
            assertThat(listed.md5Hex()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void largeObjectOfUnknownLength(Backend backend) throws IOException {
        ObjectStore store = open(backend, SMALL_PARTS);
        byte[] content = random(11 * StoreOptions.MiB);
        store.write("big", new ByteArrayInputStream(content), -1, null);
        assertThat(digest(store.read("big"))).isEqualTo(md5(content));
        assertThat(store.stat("big").orElseThrow().size()).isEqualTo(content.length);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void wrongMd5WritesNothing(Backend backend) throws IOException {
        ObjectStore store = open(backend, SMALL_PARTS);
        byte[] small = "small".getBytes(StandardCharsets.UTF_8);
        byte[] large = random(6 * StoreOptions.MiB);
        byte[] wrong = md5("something else".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.write("small", new ByteArrayInputStream(small), small.length, wrong))
                .isInstanceOf(IOException.class).hasMessageContaining("MD5");
        assertThatThrownBy(() -> store.write("large", new ByteArrayInputStream(large), large.length, wrong))
                .isInstanceOf(IOException.class).hasMessageContaining("MD5");

        assertThat(store.stat("small")).isEmpty();
        assertThat(store.stat("large")).isEmpty();
        assertThat(store.list("").toList()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sourceFailureMidWriteWritesNothing(Backend backend) throws IOException {
        ObjectStore store = open(backend, SMALL_PARTS);
        store.write("blob", "old content".getBytes(StandardCharsets.UTF_8));
        InputStream failing = new InputStream() {
            private long served;

            @Override
            public int read() throws IOException {
                if (served++ >= 12L * StoreOptions.MiB) {
                    throw new IOException("source went away");
                }
                return (int) (served & 0x7f);
            }
        };
        assertThatThrownBy(() -> store.write("blob", failing, 20L * StoreOptions.MiB, null)).hasMessageContaining("source went away");
        assertThat(store.readAllBytes("blob")).isEqualTo("old content".getBytes(StandardCharsets.UTF_8));
        assertThat(store.list("").toList()).extracting(ObjectInfo::key).containsExactly("blob");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void wrongLengthWritesNothing(Backend backend) throws IOException {
        ObjectStore store = open(backend);
        assertThatThrownBy(() -> store.write("short", new ByteArrayInputStream(new byte[5]), 10, null))
                .isInstanceOf(IOException.class).hasMessageContaining("expected 10 bytes");
        assertThat(store.stat("short")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void missingKeys(Backend backend) throws IOException {
        ObjectStore store = open(backend);
        assertThat(store.stat("no/such/key")).isEmpty();
        assertThatThrownBy(() -> store.read("no/such/key")).isInstanceOf(NoSuchObjectException.class);
        store.delete("no/such/key"); // not an error
        assertThat(store.list("no/").toList()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"S3", "AZURE"})
    void badCredentialsGiveAClearErrorAndWriteNothing(Backend backend) throws IOException {
        String prefix = "bad-credentials-" + counter.incrementAndGet();
        StoreFactory factory = new StoreFactory(StoreOptions.defaults().withMaxAttempts(2));
        ObjectStore bad;
        ObjectStore good;
        if (backend == Backend.S3) {
            bad = factory.open(s3.location(BUCKET, prefix), S3Credentials.of(S3ProxyServer.ACCESS_KEY, Secret.of(WRONG_SECRET)));
            good = factory.open(s3.location(BUCKET, prefix), s3.credentials());
        } else {
            requireAzurite();
            String wrongKey = java.util.Base64.getEncoder().encodeToString(WRONG_SECRET.getBytes(StandardCharsets.UTF_8));
            bad = factory.open(azurite.location(BUCKET, prefix), new AzureCredentials.SharedKey(AzuriteServer.ACCOUNT, Secret.of(wrongKey)));
            good = factory.open(azurite.location(BUCKET, prefix), azurite.credentials());
        }
        opened.add(bad);
        opened.add(good);

        Throwable write = catchThrowable(() -> bad.write("x/link", "content".getBytes(StandardCharsets.UTF_8)));
        Throwable list = catchThrowable(() -> bad.list("").toList());
        Throwable read = catchThrowable(() -> bad.read("x/link"));

        for (Throwable t : List.of(write, list, read)) {
            assertThat(t).isInstanceOf(StorageAccessException.class)
                    .hasMessageContaining(BUCKET)
                    .hasMessageContaining("credentials");
            assertThat(((StorageAccessException) t).reason()).isEqualTo(StorageAccessException.Reason.BAD_CREDENTIALS);
            assertNoSecretIn(t);
        }
        assertThat(write.getMessage()).contains(backend == Backend.S3 ? "AWS_ACCESS_KEY_ID" : "AZURE_STORAGE_KEY");
        assertThat(good.list("").toList()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"S3", "AZURE"})
    void missingBucketGivesAClearErrorAndWritesNothing(Backend backend) throws IOException {
        ObjectStore store;
        if (backend == Backend.S3) {
            store = new StoreFactory().open(s3.location("no-such-bucket", "root"), s3.credentials());
        } else {
            requireAzurite();
            store = new StoreFactory().open(azurite.location("no-such-container", "root"), azurite.credentials());
        }
        opened.add(store);

        Throwable write = catchThrowable(() -> store.write("x/link", "content".getBytes(StandardCharsets.UTF_8)));
        Throwable list = catchThrowable(() -> store.list("").toList());
        for (Throwable t : List.of(write, list)) {
            assertThat(t).isInstanceOf(StorageAccessException.class).hasMessageContaining("does not exist");
            assertThat(t.getMessage()).containsAnyOf("'no-such-bucket'", "'no-such-container'");
            assertThat(((StorageAccessException) t).reason()).isEqualTo(StorageAccessException.Reason.MISSING_CONTAINER);
            assertNoSecretIn(t);
        }
        if (backend == Backend.S3) {
            assertThat(s3.blobStore().containerExists("no-such-bucket")).isFalse();
        } else {
            assertThat(azurite.serviceClient().getBlobContainerClient("no-such-container").exists()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = "FILESYSTEM")
    void missingRootDirectoryGivesAClearErrorAndWritesNothing(Backend backend) {
        Path missing = tmp.resolve("no-such-root");
        ObjectStore store = new StoreFactory().open(new FilesystemLocation(missing.toString()), StorageCredentials.none());
        assertThatThrownBy(() -> store.list("").toList()).isInstanceOf(StorageAccessException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> store.write("a/b", new byte[] {1})).isInstanceOf(StorageAccessException.class);
        assertThat(missing).doesNotExist();
    }

    private void assertNoSecretIn(Throwable t) {
        List<String> secrets = new ArrayList<>(List.of(WRONG_SECRET, S3ProxyServer.SECRET_KEY, AzuriteServer.ACCOUNT_KEY,
                java.util.Base64.getEncoder().encodeToString(WRONG_SECRET.getBytes(StandardCharsets.UTF_8))));
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (String secret : secrets) {
                assertThat(String.valueOf(c.getMessage())).doesNotContain(secret);
                assertThat(c.toString()).doesNotContain(secret);
            }
            for (Throwable s : c.getSuppressed()) {
                assertNoSecretIn(s);
            }
        }
    }

    // ---- helpers ----

    static List<String> byteOrder(List<String> keys) {
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        return sorted;
    }

    static byte[] md5(byte[] content) {
        return Md5.of(content, 0, content.length);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static byte[] digest(InputStream in) throws IOException {
        try (in) {
            MessageDigest md = Md5.digest();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
            return md.digest();
        }
    }
}
