package org.dtrmigration.copy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Destination-only keys to delete once the copy is complete, spilled to temporary files so that a mirror of a
 * huge tree does not hold them in memory. One file per deletion stage, replayed in an order that keeps the
 * destination consistent: tags first, blobs last.
 */
final class DeleteJournal implements AutoCloseable {

    /** Deletion order: the reverse of the write order. */
    enum Stage { TAG_CURRENT, TAG_INDEX, LINK, BLOB }

    private final Path dir;
    private final DataOutputStream[] out = new DataOutputStream[Stage.values().length];
    private final long[] counts = new long[Stage.values().length];

    DeleteJournal() throws IOException {
        this.dir = Files.createTempDirectory("dtr-migrate-deletes-");
        for (Stage stage : Stage.values()) {
            out[stage.ordinal()] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(stage)), 64 * 1024));
        }
    }

    private Path file(Stage stage) {
        return dir.resolve(stage.name().toLowerCase(java.util.Locale.ROOT));
    }

    synchronized void add(Stage stage, String key) {
        try {
            out[stage.ordinal()].writeUTF(key); // modified UTF-8 with a length: any key, newlines included
            counts[stage.ordinal()]++;
        } catch (IOException e) {
            throw new UncheckedIOException("could not record a key to delete in " + dir, e);
        }
    }

    synchronized long size() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /** Closes the writers; then {@link #replay} may read. */
    synchronized void finish() throws IOException {
        for (DataOutputStream o : out) {
            o.close();
        }
    }

    /** Feeds the keys of one stage to {@code consumer} in batches, in recorded order. */
    void replay(Stage stage, int batchSize, Consumer<List<String>> consumer) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file(stage)), 64 * 1024))) {
            List<String> batch = new ArrayList<>(batchSize);
            for (long i = 0; i < counts[stage.ordinal()]; i++) {
                batch.add(in.readUTF());
                if (batch.size() == batchSize) {
                    consumer.accept(batch);
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty()) {
                consumer.accept(batch);
            }
        } catch (EOFException e) {
            throw new IOException("the deletion journal in " + dir + " is truncated", e);
        }
    }

    @Override
    public void close() {
        for (DataOutputStream o : out) {
            try {
                o.close();
            } catch (IOException e) {
                // best effort: the files go next
            }
        }
        for (Stage stage : Stage.values()) {
            try {
                Files.deleteIfExists(file(stage));
            } catch (IOException e) {
                // a temp file left in java.io.tmpdir is harmless
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // as above
        }
    }
}
