package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import org.dtrmigration.registry.DtrEndpoint;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The flow every DTR API step shares: resolve credentials on the controller, send a callable with the
 * resolved values to the workspace's agent, return its result map.
 */
@SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = DtrApiExecution.NOT_RESUMED)
abstract class DtrApiExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    /** Why the transient fields need no restoring: they are only read when the step starts (docs/restarts.md). */
    static final String NOT_RESUMED =
            "Set when the step starts; after a controller restart the step fails, it is not resumed";

    private final transient DtrConnection connection;

    DtrApiExecution(StepContext context, DtrConnection connection) {
        super(context);
        this.connection = connection;
    }

    /** Validates the step's own arguments before anything is resolved or sent; throws AbortException naming the parameter. */
    abstract void validate() throws AbortException;

    abstract DtrCallable callable(DtrEndpoint endpoint, TaskListener listener);

    @Override
    protected Map<String, Object> run() throws Exception {
        validate();
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        FilePath workspace = getContext().get(FilePath.class);
        if (connection == null) {
            throw new AbortException("this step cannot resume after a Jenkins restart; run it again");
        }
        DtrEndpoint endpoint = DtrCredentials.resolve(run, connection);
        return workspace.act(callable(endpoint, listener));
    }
}
