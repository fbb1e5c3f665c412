package org.dtrmigration.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filesystem-specific behaviour beyond the contract. */
class FilesystemStoreTest {

    @TempDir
    Path root;

    @Test
    void ordersByUtf8BytesNotUtf16() throws IOException {
        FilesystemStore store = new FilesystemStore(root);
        // U+1F600 sorts after U+FF5A in UTF-8 (F0… > EF…) but before it in Java's UTF-16 String order.
        List<String> keys = List.of("x/\uff5a", "x/\ud83d\ude00", "x/z");
        for (String key : keys) {
            store.write(key, new byte[] {1});
        }
        assertThat(store.list("x/").toList()).extracting(ObjectInfo::key).containsExactlyElementsOf(ObjectStoreContractTest.byteOrder(keys));
    }

    @Test
    void temporaryFilesAreNotListed() throws IOException {
        FilesystemStore store = new FilesystemStore(root);
        store.write("a/b", "content".getBytes(StandardCharsets.UTF_8));
        Files.writeString(root.resolve("a").resolve(FilesystemStore.TEMP_PREFIX + "left-by-a-killed-copy"), "partial");
        assertThat(store.list("").toList()).extracting(ObjectInfo::key).containsExactly("a/b");
    }

    @Test
    void abortIncompleteWritesRemovesOnlyOldTemporaryFilesUnderThePrefix() throws IOException {
        FilesystemStore store = new FilesystemStore(root);
        store.write("v2/a/data", "a".getBytes(StandardCharsets.UTF_8));
        Path old = root.resolve("v2/a").resolve(FilesystemStore.TEMP_PREFIX + "old");
        Path fresh = root.resolve("v2/a").resolve(FilesystemStore.TEMP_PREFIX + "fresh");
        Path outside = Files.createDirectories(root.resolve("other")).resolve(FilesystemStore.TEMP_PREFIX + "old");
        for (Path p : List.of(old, fresh, outside)) {
            Files.writeString(p, "partial");
        }
        java.time.Instant cutoff = java.time.Instant.now().minusSeconds(60);
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(cutoff.minusSeconds(3600)));
        Files.setLastModifiedTime(outside, java.nio.file.attribute.FileTime.from(cutoff.minusSeconds(3600)));

        assertThat(store.abortIncompleteWrites("v2/", cutoff, k -> !k.startsWith("v2/a/"))).as("filtered out by key").isZero();
        assertThat(store.abortIncompleteWrites("v2/", cutoff, k -> true)).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(outside).exists();
        assertThat(store.readAllBytes("v2/a/data")).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deleteRemovesEmptyDirectoriesButNotTheRoot() throws IOException {
        FilesystemStore store = new FilesystemStore(root);
        store.write("a/b/c", new byte[] {1});
        store.delete("a/b/c");
        assertThat(root).exists().isEmptyDirectory();
    }

    @Test
    void concurrentWritesAndDeletesInOneDirectory() throws Exception {
        FilesystemStore store = new FilesystemStore(root);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                List<Future<?>> futures = new ArrayList<>();
                int r = round;
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> {
                        String key = "repo/_layers/sha256/" + r + "/" + n + "/link";
                        store.write(key, new byte[] {1});
                        if (n % 2 == 0) {
                            store.delete(key); // may remove directories a sibling writer is about to use
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list("").toList()).hasSize(50 * 4);
    }
}
