package org.dtrmigration.simulator.jobs;

/** What a running job's action may do: write log lines, pace itself, and notice cancellation. */
public interface JobContext {

    Job job();

    void info(String message);

    void warn(String message);

    /** Pauses for the configured step delay; throws when the job has been canceled. */
    void step() throws JobCanceledException, InterruptedException;

    void checkCanceled() throws JobCanceledException;
}
