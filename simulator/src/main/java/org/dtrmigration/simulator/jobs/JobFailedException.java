package org.dtrmigration.simulator.jobs;

/** A job's expected failure, logged as its last line. */
public class JobFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public JobFailedException(String message) {
        super(message);
    }

    public JobFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
