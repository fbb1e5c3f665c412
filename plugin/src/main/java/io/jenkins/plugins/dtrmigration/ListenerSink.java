package io.jenkins.plugins.dtrmigration;

import hudson.model.TaskListener;
import java.io.Serializable;
import org.dtrmigration.events.EventSink;

/** The engine's events on the build console. Travels to the agent with the callable. */
final class ListenerSink implements EventSink, Serializable {
    private static final long serialVersionUID = 1L;

    private final TaskListener listener;

    ListenerSink(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public void info(String message) {
        listener.getLogger().println(message);
    }

    @Override
    public void warn(String message) {
        listener.getLogger().println("WARNING: " + message);
    }
}
