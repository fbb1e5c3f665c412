package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Base of the steps that talk to the DTR/MSR API. The connection parameters are optional setters so a
 * Jenkinsfile may pass them to each step; validation happens when the step runs, with the parameter's
 * name in the message.
 */
public abstract class DtrApiStep extends Step {

    private String url;
    private String credentialsId;
    private String caCertificate;
    private boolean insecure;

    @CheckForNull
    public String getUrl() {
        return url;
    }

    /** The DTR/MSR URL, e.g. {@code https://dtr.example.com}. */
    @DataBoundSetter
    public void setUrl(String url) {
        this.url = emptyToNull(url);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    /** A 'Username with password' credential: a DTR/MSR administrator and an access token. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = emptyToNull(credentialsId);
    }

    @CheckForNull
    public String getCaCertificate() {
        return caCertificate;
    }

    /** PEM text of the CA that signed DTR's certificate, when it is not in the agent JVM's trust store. */
    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = emptyToNull(caCertificate);
    }

    public boolean isInsecure() {
        return insecure;
    }

    /** Skip TLS verification; logged loudly. For labs only. */
    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    DtrConnection connection() {
        return new DtrConnection(url, credentialsId, caCertificate, insecure);
    }

    static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** What every DTR API step needs from its context: the build (credentials), the console, and a workspace on an agent. */
    static Set<? extends Class<?>> requiredContext() {
        return Set.of(Run.class, TaskListener.class, FilePath.class);
    }
}
