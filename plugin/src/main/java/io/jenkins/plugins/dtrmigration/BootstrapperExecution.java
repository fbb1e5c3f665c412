package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.TreeMap;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.secret.Secret;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The flow of the bootstrapper steps: validate the step's arguments, resolve the DTR and UCP
 * credentials on the controller, take the build's environment (docker settings, storage credentials
 * bound with {@code withCredentials}), and run the callable in the workspace on the agent.
 */
abstract class BootstrapperExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final transient BootstrapperStep step;

    BootstrapperExecution(StepContext context, BootstrapperStep step) {
        super(context);
        this.step = step;
    }

    /** Validates the step's own arguments before anything is resolved or sent; throws AbortException naming the parameter. */
    abstract void validate() throws AbortException;

    abstract BootstrapperCallable callable(DtrEndpoint endpoint, UcpConnection ucp, Map<String, Secret> environment,
                                           TaskListener listener);

    @Override
    protected Map<String, Object> run() throws Exception {
        if (step == null) {
            throw new AbortException("this step cannot resume after a Jenkins restart; check DTR's state before running it again");
        }
        validate();
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        FilePath workspace = getContext().get(FilePath.class);
        DtrEndpoint endpoint = DtrCredentials.resolve(run, step.connection());
        UcpConnection ucp = UcpCredentials.resolve(run, step.getUcpUrl(), step.getUcpCredentialsId(), step.getUcpCaCertificate(),
                step.isUcpInsecure());
        return workspace.act(callable(endpoint, ucp, environment(getContext().get(EnvVars.class)), listener));
    }

    /** The build's environment as secrets: it may hold credentials bound with withCredentials. */
    static Map<String, Secret> environment(EnvVars vars) {
        Map<String, Secret> env = new TreeMap<>();
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
