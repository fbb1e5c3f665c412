package org.dtrmigration.simulator.jobs;

/**
 * DTR runs one garbage collection at a time; {@code cluster_status.gc_lock_holder} names the
 * holder. Here the holder is the job id (empty when free).
 */
public final class GcLock {
    private String holder = "";

    public synchronized boolean tryAcquire(String jobId) {
        if (!holder.isEmpty()) {
            return false;
        }
        holder = jobId;
        return true;
    }

    public synchronized void release(String jobId) {
        if (holder.equals(jobId)) {
            holder = "";
        }
    }

    public synchronized String holder() {
        return holder;
    }
}
