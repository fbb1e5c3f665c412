package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.registry.ClientOptions;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.registry.DtrException;

/**
 * Runs one DTR API operation on the agent that executes the step (it is the machine with a route to
 * DTR). Carries only plain values: the resolved endpoint and the listener. Failures a person can fix
 * come back as {@link AbortException}: a message, no stack trace.
 */
abstract class DtrCallable extends MasterToSlaveFileCallable<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final DtrEndpoint endpoint;
    private final TaskListener listener;

    DtrCallable(DtrEndpoint endpoint, TaskListener listener) {
        this.endpoint = endpoint;
        this.listener = listener;
    }

    @Override
    public final Map<String, Object> invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        EventSink events = new ListenerSink(listener);
        try (DtrClient client = new DtrClient(endpoint, ClientOptions.defaults(), events)) {
            return run(client, events, workspace);
        } catch (DtrException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    abstract Map<String, Object> run(DtrClient client, EventSink events, File workspace) throws IOException, InterruptedException;
}
