package org.dtrmigration.events;

import java.io.PrintStream;

/**
 * Where the engine reports what it does: the build console in Jenkins, stderr in the CLI, a list in
 * tests. One small interface so all three see the same events. Implementations must never be handed
 * a secret; the engine guarantees it does not pass one.
 */
public interface EventSink {

    void info(String message);

    void warn(String message);

    /** A progress line for long work; sinks may throttle or overwrite these. */
    default void progress(String message) {
        info(message);
    }

    /** Writes to a stream, prefixing warnings. */
    static EventSink printingTo(PrintStream out) {
        return new EventSink() {
            @Override
            public void info(String message) {
                out.println(message);
            }

            @Override
            public void warn(String message) {
                out.println("WARNING: " + message);
            }
        };
    }

    static EventSink discarding() {
        return new EventSink() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }
        };
    }
}
