package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import jenkins.MasterToSlaveFileCallable;
import org.dtrmigration.bootstrapper.ProcessRunner;
import org.dtrmigration.bootstrapper.StorageTarget;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.migration.StorageAccess;
import org.dtrmigration.registry.ClientOptions;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;

/**
 * Runs a bootstrapper procedure on the agent (the machine with docker and a route to UCP and DTR).
 * Carries plain values only: the step's request and the {@link Agent} values (the resolved DTR endpoint and UCP
 * connection, secrets masked in {@code toString}; the build's environment as secrets; the listener and the launcher
 * factory). Storage credentials are read from that environment, with the names the AWS and Azure CLIs use.
 * Failures a person can fix come back as {@link AbortException}: a message, no stack trace.
 *
 * @param <R> what the step decided on the controller
 */
abstract class BootstrapperCallable<R extends Serializable> extends MasterToSlaveFileCallable<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    /** What every bootstrapper callable takes to the agent besides its request. */
    record Agent(DtrEndpoint endpoint, UcpConnection ucp, TreeMap<String, Secret> environment, TaskListener listener,
                 LauncherFactory launchers) implements Serializable {
        Agent {
            environment = new TreeMap<>(environment);
        }
    }

    private final Agent agent;
    final R request;

    BootstrapperCallable(Agent agent, R request) {
        this.agent = agent;
        this.request = request;
    }

    @Override
    public final Map<String, Object> invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        EventSink events = new ListenerSink(agent.listener());
        try (DtrClient client = new DtrClient(agent.endpoint(), ClientOptions.defaults(), events)) {
            ProcessRunner runner = LauncherProcessRunner.create(agent.launchers(), agent.listener(), agent.environment());
            return run(client, agent.ucp(), runner, events, workspace.toPath());
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof InterruptedIOException) {
                throw e;
            }
            throw new AbortException(e.getMessage());
        }
    }

    abstract Map<String, Object> run(DtrClient client, UcpConnection ucp, ProcessRunner runner, EventSink events, Path workspace)
            throws IOException, InterruptedException;

    /** The storage credentials for a location, from the build's environment. */
    StorageCredentials credentials(StorageLocation location, String parameter) {
        Map<String, String> plain = new HashMap<>();
        agent.environment().forEach((k, v) -> plain.put(k, v.reveal()));
        return new EnvironmentCredentials(plain).resolve(location, parameter);
    }

    StorageAccess access(String text, String parameter) {
        if (text == null) {
            return null;
        }
        StorageLocation location = StorageLocation.parse(text, parameter);
        return new StorageAccess(location, credentials(location, parameter));
    }

    /** {@code checkStorage} when given, else the target itself when it is readable from here. */
    StorageAccess readable(StorageTarget target, String checkStorage) {
        if (checkStorage != null) {
            return access(checkStorage, "checkStorage");
        }
        return target.readableLocation().map(l -> new StorageAccess(l, credentials(l, "storage"))).orElse(null);
    }

    StorageCredentials targetCredentials(StorageTarget target) {
        return target instanceof StorageTarget.Cloud c ? credentials(c.location(), "storage") : StorageCredentials.none();
    }
}
