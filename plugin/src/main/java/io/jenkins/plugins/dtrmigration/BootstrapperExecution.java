package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.secret.Secret;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The flow of the bootstrapper steps: validate the step's arguments into its request, resolve the DTR and UCP
 * credentials on the controller, take the build's environment (docker settings, storage credentials bound with
 * {@code withCredentials}), and run the step's callable in the workspace on the agent.
 *
 * @param <R> what the step decided on the controller, sent to the agent with the callable
 */
final class BootstrapperExecution<R extends Serializable> extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    /** A step's arguments, checked, as its request; throws AbortException naming the parameter. */
    interface Validation<R> {
        R request() throws AbortException;
    }

    /** The step's callable for a request. */
    interface Callables<R extends Serializable> {
        BootstrapperCallable<R> create(BootstrapperCallable.Agent agent, R request);
    }

    // Transient: a restarted controller finds them null and the step fails instead of resuming.
    private final transient BootstrapperStep step;
    private final transient Validation<R> validation;
    private final transient Callables<R> callables;

    BootstrapperExecution(StepContext context, BootstrapperStep step, Validation<R> validation, Callables<R> callables) {
        super(context);
        this.step = step;
        this.validation = validation;
        this.callables = callables;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        if (step == null) {
            throw new AbortException("this step cannot resume after a Jenkins restart; check DTR's state before running it again");
        }
        R request = validation.request();
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        FilePath workspace = getContext().get(FilePath.class);
        DtrEndpoint endpoint = DtrCredentials.resolve(run, step.connection());
        UcpConnection ucp = UcpCredentials.resolve(run, step.getUcpUrl(), step.getUcpCredentialsId(), step.getUcpCaCertificate(),
                step.isUcpInsecure());
        BootstrapperCallable.Agent agent = new BootstrapperCallable.Agent(endpoint, ucp,
                environment(getContext().get(EnvVars.class)), listener, step.launchers());
        return workspace.act(callables.create(agent, request));
    }

    /** The build's environment as secrets: it may hold credentials bound with withCredentials. */
    static TreeMap<String, Secret> environment(EnvVars vars) {
        TreeMap<String, Secret> env = new TreeMap<>();
        if (vars != null) {
            for (Map.Entry<String, String> e : vars.entrySet()) {
                if (e.getValue() != null && !e.getValue().isEmpty()) {
                    env.put(e.getKey(), Secret.of(e.getValue()));
                }
            }
        }
        return env;
    }

    static String requireReplica(BootstrapperStep step) throws AbortException {
        if (step.getReplicaId() == null) {
            throw new AbortException("replicaId: required, the DTR replica id (12 hex digits, see System > Replicas)");
        }
        return step.getReplicaId();
    }
}
