package org.dtrmigration.copy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ForwardingObjectStore;
import org.dtrmigration.storage.ObjectStore;

/**
 * Wraps a store to record what is written (in order) and to inject failures: a burst of errors on the first
 * attempts of matching operations (as a throttling storm or flaky network gives), connection resets in the
 * middle of a read, failing listings.
 */
final class FaultyStore extends ForwardingObjectStore {
    final ObjectStore delegate;
    /** Keys written, in completion order. */
    final List<String> writes = new CopyOnWriteArrayList<>();
    final List<String> deletes = new CopyOnWriteArrayList<>();
    final AtomicInteger injected = new AtomicInteger();

    /** Each matching key's first N writes fail. */
    volatile Predicate<String> failWrites = k -> false;
    volatile int failWritesTimes;
    /** Each matching key's first N reads are reset half-way through the content. */
    volatile Predicate<String> resetReads = k -> false;
    volatile int resetReadsTimes;
    /** Listings of matching prefixes fail (every time) after returning this many objects. */
    volatile Predicate<String> failListings = p -> false;
    volatile int failListingsAfter;
    /** Sleep per write of matching keys, to slow a copy down. */
    volatile long writeDelayMillis;
    volatile Predicate<String> slowWrites = k -> true;

    private final ConcurrentHashMap<String, AtomicInteger> writeAttempts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> readAttempts = new ConcurrentHashMap<>();

    FaultyStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    @Override
    protected ObjectStore delegate() {
        return delegate;
    }

    @Override
    public String describe() {
        return "faulty " + delegate.describe();
    }

    @Override
    public ObjectListing list(String prefix) throws IOException {
        ObjectListing inner = delegate.list(prefix);
        if (!failListings.test(prefix)) {
            return inner;
        }
        return new ObjectListing() {
            int returned;

            @Override
            public boolean hasNext() {
                if (returned >= failListingsAfter) {
                    injected.incrementAndGet();
                    throw new java.io.UncheckedIOException(new IOException("injected: listing of '" + prefix + "' broke"));
                }
                return inner.hasNext();
            }

            @Override
            public ObjectInfo next() {
                returned++;
                return inner.next();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    @Override
    public InputStream read(String key) throws IOException {
        InputStream in = delegate.read(key);
        if (!resetReads.test(key) || readAttempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > resetReadsTimes) {
            return in;
        }
        return new FilterInputStream(in) {
            long count;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (count > 0) {
                    injected.incrementAndGet();
                    throw new SocketException("injected: Connection reset");
                }
                int n = super.read(b, off, Math.max(1, Math.min(len, 16)));
                if (n > 0) {
                    count += n;
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    @Override
    public void write(String key, InputStream content, long length, byte[] md5) throws IOException {
        if (writeDelayMillis > 0 && slowWrites.test(key)) {
            try {
                Thread.sleep(writeDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }
        if (failWrites.test(key) && writeAttempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= failWritesTimes) {
            injected.incrementAndGet();
            throw new IOException("injected: 503 SlowDown for '" + key + "'");
        }
        delegate.write(key, content, length, md5);
        writes.add(key);
    }

    @Override
    public void delete(String key) throws IOException {
        delegate.delete(key);
        deletes.add(key);
    }
}
