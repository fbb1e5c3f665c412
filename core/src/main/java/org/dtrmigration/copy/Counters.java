package org.dtrmigration.copy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** The running totals of a copy, updated from many threads and read by the progress reporter. */
final class Counters {
    final AtomicLong listed = new AtomicLong();
    final AtomicLong listedBytes = new AtomicLong();
    final AtomicLong planned = new AtomicLong();
    final AtomicLong plannedBytes = new AtomicLong();
    final AtomicLong copied = new AtomicLong();
    final AtomicLong copiedBytes = new AtomicLong();
    /** Bytes streamed so far, including objects still in flight: what the transfer rate is computed from. */
    final AtomicLong streamedBytes = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong extra = new AtomicLong();
    final AtomicLong toDelete = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    /** Listing parts: [total, done]. */
    final AtomicLongArray parts = new AtomicLongArray(2);
    volatile boolean listingDone;

    void listed(long size) {
        listed.incrementAndGet();
        listedBytes.addAndGet(size);
    }

    void planned(long size) {
        planned.incrementAndGet();
        plannedBytes.addAndGet(size);
    }

    void copied(long size) {
        copied.incrementAndGet();
        copiedBytes.addAndGet(size);
    }
}
