package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Base of the steps that read (and write) registry storage: {@code from:} and {@code to:} are each a location URI
 * or DTR's storage map, with a credentials id per side. Validation happens when the step runs, with the
 * parameter's name in every message.
 */
public abstract class StorageStep extends Step {

    private final Object from;
    private final Object to;
    private String fromCredentialsId;
    private String toCredentialsId;
    private int concurrency = org.dtrmigration.copy.CopyOptions.DEFAULT_CONCURRENCY;

    protected StorageStep(Object from, Object to) {
        this.from = from;
        this.to = to;
    }

    /** The source: {@code file:///…}, {@code s3://…}, {@code azure://…}, or DTR's storage map. Never written. */
    public Object getFrom() {
        return from;
    }

    public Object getTo() {
        return to;
    }

    @CheckForNull
    public String getFromCredentialsId() {
        return fromCredentialsId;
    }

    @DataBoundSetter
    public void setFromCredentialsId(String fromCredentialsId) {
        this.fromCredentialsId = DtrApiStep.emptyToNull(fromCredentialsId);
    }

    @CheckForNull
    public String getToCredentialsId() {
        return toCredentialsId;
    }

    @DataBoundSetter
    public void setToCredentialsId(String toCredentialsId) {
        this.toCredentialsId = DtrApiStep.emptyToNull(toCredentialsId);
    }

    public int getConcurrency() {
        return concurrency;
    }

    /** Objects (copy) or reads (verify) in flight; default 32. */
    @DataBoundSetter
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /** The build (credentials), the console, and a workspace on the agent that does the I/O. */
    static Set<? extends Class<?>> requiredContext() {
        return Set.of(Run.class, TaskListener.class, FilePath.class);
    }
}
