package org.dtrmigration.simulator.jobs;

/** Thrown inside a job when it has been asked to stop. */
public class JobCanceledException extends Exception {
    private static final long serialVersionUID = 1L;

    public JobCanceledException() {
        super("job canceled");
    }
}
