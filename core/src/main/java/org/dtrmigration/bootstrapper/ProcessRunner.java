package org.dtrmigration.bootstrapper;

import java.io.IOException;

/**
 * Runs a process to its end. The CLI runs it with {@link ProcessBuilderRunner}; the Jenkins plugin
 * with the agent's {@code Launcher}. Implementations add {@link ProcessRequest#environment()} to the
 * process's environment, never to its arguments, and pass output lines to the request's consumer.
 */
public interface ProcessRunner {

    /** Runs the process and returns its exit code. */
    int run(ProcessRequest request) throws IOException, InterruptedException;
}
