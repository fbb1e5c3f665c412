package org.dtrmigration.bootstrapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.dtrmigration.events.EventSink;

/**
 * Runs rendered bootstrapper commands through a {@link ProcessRunner}, showing the command line
 * (without secrets) and the bootstrapper's output in the log, and turning a non-zero exit into a
 * {@link BootstrapperFailedException} that quotes the last lines of output.
 */
public final class BootstrapperRunner {

    private static final int TAIL = 8;

    private final Bootstrapper bootstrapper;
    private final ProcessRunner runner;
    private final EventSink events;

    public BootstrapperRunner(Bootstrapper bootstrapper, ProcessRunner runner, EventSink events) {
        this.bootstrapper = Objects.requireNonNull(bootstrapper, "bootstrapper");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.events = Objects.requireNonNull(events, "events");
    }

    public Bootstrapper bootstrapper() {
        return bootstrapper;
    }

    /** Runs a command; {@code stdin} for restore, {@code stdout} for backup, else null. */
    public void run(BootstrapperCommand command, Path stdin, Path stdout) throws IOException, InterruptedException {
        Invocation invocation = bootstrapper.render(command);
        if (invocation.readsStdin() != (stdin != null) || invocation.writesStdout() != (stdout != null)) {
            throw new IllegalStateException(command.name() + ": stdin/stdout do not fit the command");
        }
        execute(invocation, command.name(), stdin, stdout);
    }

    /** {@code docker pull IMAGE}. */
    public void pull() throws IOException, InterruptedException {
        execute(bootstrapper.pull(), "pull", null, null);
    }

    private void execute(Invocation invocation, String name, Path stdin, Path stdout) throws IOException, InterruptedException {
        events.info("$ " + invocation.display() + (stdin != null ? " < " + stdin.getFileName() : "")
                + (stdout != null ? " > " + stdout.getFileName() : ""));
        Deque<String> tail = new ArrayDeque<>();
        String prefix = "[" + bootstrapper.image().repository() + " " + name + "] ";
        int code = runner.run(ProcessRequest.of(invocation, stdin, stdout, line -> {
            synchronized (tail) {
                if (tail.size() == TAIL) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            }
            events.info(prefix + line);
        }));
        if (code != 0) {
            String last;
            synchronized (tail) {
                last = tail.isEmpty() ? "(no output)" : String.join(" | ", tail);
            }
            throw new BootstrapperFailedException(bootstrapper.image().reference() + " " + name + " failed with exit code " + code
                    + ": " + last, code);
        }
    }
}
