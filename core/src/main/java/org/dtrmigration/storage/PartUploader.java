package org.dtrmigration.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Uploads a stream in parts, several in flight, for S3 multipart uploads and Azure block lists.
 * The caller's thread reads the stream part by part into memory (a part must be resendable on retry
 * and carry its own Content-MD5) and hands each to a shared pool. A store-wide byte budget caps the
 * memory held by parts in flight across all concurrent large writes.
 *
 * <p>On failure no new part starts, and {@link #upload} returns only after every started part has
 * finished, so the caller can abort the multipart upload knowing no part will land afterwards.
 */
final class PartUploader implements AutoCloseable {

    /** Uploads one part; returns its id (S3 ETag, Azure block id). Runs on a pool thread. */
    @FunctionalInterface
    interface PartSink {
        String upload(int partNumber, byte[] data, int length, byte[] md5) throws IOException;
    }

    /** What was uploaded: total bytes, MD5 of the whole content (null when not asked for), and part ids in part order. */
    record Result(long length, byte[] md5, List<String> partIds) {
    }

    private static final int PERMIT_BYTES = 1024;

    private final ExecutorService pool;
    private final Semaphore memory;
    private final int maxPermits;

    PartUploader(String name, int threads, long memoryBytes) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-parts-" + count.incrementAndGet());
            t.setDaemon(true); // never keep a JVM (CLI, agent) alive on its own
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
        this.maxPermits = (int) Math.min(Integer.MAX_VALUE, Math.max(1, memoryBytes / PERMIT_BYTES));
        this.memory = new Semaphore(maxPermits);
    }

    /**
     * @param wholeMd5 also compute the MD5 of the whole content (a pass over every byte: only when the caller needs it)
     */
    Result upload(InputStream in, int partSize, PartSink sink, boolean wholeMd5) throws IOException {
        MessageDigest whole = wholeMd5 ? Md5.digest() : null;
        Map<Integer, String> ids = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        InFlight inFlight = new InFlight();
        int permitsPerPart = Math.min(maxPermits, (partSize + PERMIT_BYTES - 1) / PERMIT_BYTES);
        long total = 0;
        int partNumber = 0;
        try {
            while (true) {
                acquire(permitsPerPart);
                byte[] buffer;
                int n;
                try {
                    buffer = new byte[partSize];
                    n = in.readNBytes(buffer, 0, partSize);
                } catch (IOException | RuntimeException | Error e) {
                    memory.release(permitsPerPart);
                    throw e;
                }
                if (n == 0 && partNumber > 0) {
                    memory.release(permitsPerPart);
                    break;
                }
                int number = ++partNumber;
                if (whole != null) {
                    whole.update(buffer, 0, n);
                }
                total += n;
                byte[] partMd5 = Md5.of(buffer, 0, n);
                byte[] data = buffer;
                inFlight.increment();
                try {
                    pool.execute(() -> {
                        try {
                            if (failure.get() == null) { // another part failed: don't start this one
                                ids.put(number, sink.upload(number, data, n, partMd5));
                            }
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        } finally {
                            memory.release(permitsPerPart);
                            inFlight.decrement();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    memory.release(permitsPerPart);
                    inFlight.decrement();
                    throw new IOException("the store is closed", e);
                }
                throwIfFailed(failure);
                if (n < partSize) {
                    break;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            inFlight.awaitZero();
            throw e;
        }
        inFlight.awaitZero();
        throwIfFailed(failure);
        List<String> ordered = new ArrayList<>(partNumber);
        for (int i = 1; i <= partNumber; i++) {
            ordered.add(ids.get(i));
        }
        return new Result(total, whole == null ? null : whole.digest(), ordered);
    }

    private void acquire(int permits) throws InterruptedIOException {
        try {
            memory.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for part memory");
        }
    }

    private static void throwIfFailed(AtomicReference<Throwable> failure) throws IOException {
        Throwable t = failure.get();
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new IOException(t);
    }

    /** Lets queued parts finish (so an upload in progress settles and can abort) and stops the threads. */
    @Override
    public void close() {
        pool.shutdown();
    }

    /** Counts parts started and not yet finished; waiting ignores interrupts because the parts must settle first. */
    private static final class InFlight {
        private int count;

        synchronized void increment() {
            count++;
        }

        synchronized void decrement() {
            count--;
            notifyAll();
        }

        synchronized void awaitZero() {
            boolean interrupted = false;
            while (count > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
