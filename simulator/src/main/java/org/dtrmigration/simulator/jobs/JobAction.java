package org.dtrmigration.simulator.jobs;

/** The work behind a job action name. Throwing fails the job ({@code errored}). */
@FunctionalInterface
public interface JobAction {
    void run(JobContext context) throws Exception;
}
