package io.jenkins.plugins.dtrmigration;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The Snippet Generator side of the connection fields every {@link DtrApiStep} shares ({@code url},
 * {@code credentialsId}, {@code caCertificate}, {@code insecure}). Their form is the {@code <dtr:connection/>} tag
 * ({@code src/main/resources/lib/dtrmigration/connection.jelly}) and their help files live next to
 * {@link DtrApiStep}, where Jenkins finds them for every subclass.
 *
 * <p>All form methods are {@code @POST}, as Jenkins' form validation and list filling send them. The credentials
 * methods check permissions; the others only parse their argument.
 */
public abstract class DtrApiStepDescriptor extends StepDescriptor {

    static final String CREDENTIAL_KIND =
            "'Username with password' credential (a DTR/MSR administrator and an access token)";

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath @CheckForNull Item item,
            @QueryParameter String url, @QueryParameter String credentialsId) {
        return CredentialPickers.fill(item, credentialsId, StandardUsernamePasswordCredentials.class, url);
    }

    @POST
    public FormValidation doCheckCredentialsId(@AncestorInPath @CheckForNull Item item,
            @QueryParameter String url, @QueryParameter String value) {
        return CredentialPickers.check(item, value, StandardUsernamePasswordCredentials.class, url, CREDENTIAL_KIND);
    }

    @POST
    public FormValidation doCheckUrl(@QueryParameter String value) {
        return FormChecks.dtrUrl(value);
    }

    @POST
    public FormValidation doCheckCaCertificate(@QueryParameter String value) {
        return FormChecks.caCertificate(value);
    }
}
