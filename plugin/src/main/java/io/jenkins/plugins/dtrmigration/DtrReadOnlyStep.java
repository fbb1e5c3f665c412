package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.registry.ReadOnlySwitch;
import org.dtrmigration.util.Durations;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dtrReadOnly(url:, credentialsId:, enabled: true)}: sets read-only mode and returns only once
 * the settings and every replica agree. Idempotent.
 */
public final class DtrReadOnlyStep extends DtrApiStep {

    static final String DEFAULT_TIMEOUT = "10m";

    private final boolean enabled;
    private String timeout = DEFAULT_TIMEOUT;

    @DataBoundConstructor
    public DtrReadOnlyStep(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getTimeout() {
        return timeout;
    }

    /** How long to wait for all replicas, e.g. {@code 10m}. */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = emptyToNull(timeout) == null ? DEFAULT_TIMEOUT : timeout.trim();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = DtrApiExecution.NOT_RESUMED)
    private static final class Execution extends DtrApiExecution {
        private static final long serialVersionUID = 1L;
        private final transient DtrReadOnlyStep step;
        private transient Duration wait;

        Execution(StepContext context, DtrReadOnlyStep step) {
            super(context, step.connection());
            this.step = step;
        }

        @Override
        void validate() throws AbortException {
            try {
                wait = Durations.parse("timeout", step.timeout);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
        }

        @Override
        DtrCallable callable(DtrEndpoint endpoint, TaskListener listener) {
            return new Switch(endpoint, listener, step.enabled, wait);
        }
    }

    static final class Switch extends DtrCallable {
        private static final long serialVersionUID = 1L;
        private final boolean enabled;
        private final Duration timeout;

        Switch(DtrEndpoint endpoint, TaskListener listener, boolean enabled, Duration timeout) {
            super(endpoint, listener);
            this.enabled = enabled;
            this.timeout = timeout;
        }

        @Override
        Map<String, Object> run(DtrClient client, EventSink events, File workspace) throws IOException, InterruptedException {
            ReadOnlySwitch.Result r = new ReadOnlySwitch(client).set(enabled, timeout);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("enabled", r.enabled());
            result.put("changed", r.changed());
            result.put("replicas", new LinkedHashMap<>(r.replicas()));
            result.put("waitedSeconds", r.waited().toSeconds());
            return result;
        }
    }

    @Extension
    public static final class DescriptorImpl extends DtrApiStepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return requiredContext();
        }

        @Override
        public String getFunctionName() {
            return "dtrReadOnly";
        }

        @Override
        public String getDisplayName() {
            return "Turn DTR/MSR read-only mode on or off";
        }

        @POST
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return FormChecks.duration("timeout", value);
        }
    }
}
