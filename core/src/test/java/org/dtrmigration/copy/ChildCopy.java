package org.dtrmigration.copy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.ForwardingObjectStore;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.storage.StoreOptions;

/**
 * A copy in its own JVM, for the kill-and-resume test: {@code ChildCopy SOURCE_URI DESTINATION_URI}, credentials
 * from the environment as the CLI takes them. The source is read slowly so that the parent can kill the copy
 * half-way, with parts of large blobs in flight.
 */
public final class ChildCopy {
    private ChildCopy() {
    }

    public static void main(String[] args) throws IOException {
        StorageLocation from = StorageLocation.parse(args[0], "from");
        StorageLocation to = StorageLocation.parse(args[1], "to");
        StoreOptions small = StoreOptions.defaults().withMultipart(StoreOptions.MIN_PART_SIZE, StoreOptions.MIN_PART_SIZE);
        StoreFactory stores = new StoreFactory(small);
        EnvironmentCredentials credentials = EnvironmentCredentials.system();
        try (ObjectStore source = stores.open(from, credentials.resolve(from, "from"));
                ObjectStore destination = stores.open(to, credentials.resolve(to, "to"))) {
            // Offered as plain streams, large blobs go through multipart uploads: what the kill should leave half-done.
            CopyResult result = new Copier(CopyOptions.defaults().withConcurrency(4), EventSink.printingTo(System.out), Tuning.defaults())
                    .copy(new Slow(source), new StreamsOnly(destination));
            System.out.println(result.complete() ? "COMPLETE" : "INCOMPLETE");
        }
    }

    /** Hides the driver's re-readable single-request write, so that large objects use the streamed (multipart) path. */
    private static final class StreamsOnly extends ForwardingObjectStore {
        private final ObjectStore delegate;

        StreamsOnly(ObjectStore delegate) {
            this.delegate = delegate;
        }

        @Override
        protected ObjectStore delegate() {
            return delegate;
        }
    }

    /** Reads at a crawl: 64 KiB per 10 ms, and 20 ms before each object. */
    private static final class Slow extends ForwardingObjectStore {
        private final ObjectStore delegate;

        Slow(ObjectStore delegate) {
            this.delegate = delegate;
        }

        @Override
        protected ObjectStore delegate() {
            return delegate;
        }

        @Override
        public InputStream read(String key) throws IOException {
            pause(20);
            return new FilterInputStream(delegate.read(key)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    pause(10);
                    return super.read(b, off, Math.min(len, 64 * 1024));
                }
            };
        }

        private static void pause(long ms) throws InterruptedIOException {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }

        @Override
        public void write(String key, InputStream content, long length, byte[] md5) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String key) {
            throw new UnsupportedOperationException();
        }
    }
}
