package org.dtrmigration.simulator.jobs;

/** One line of a job's log: {@code {"data": …, "lineNum": …}}; line numbers start at 0. */
public record JobLogLine(String data, int lineNum) {
}
