package io.jenkins.plugins.dtrmigration;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The Snippet Generator side of the fields every {@link BootstrapperStep} adds to the DTR connection: the UCP/MKE
 * connection ({@code ucpUrl}, {@code ucpCredentialsId}, {@code ucpCaCertificate}, {@code ucpInsecure}), the
 * {@code replicaId} and the bootstrapper {@code image}. Their form is the {@code <dtr:ucp/>} tag
 * ({@code src/main/resources/lib/dtrmigration/ucp.jelly}); their help files live next to {@link BootstrapperStep}.
 *
 * <p>The UCP credentials list follows the same rules as the DTR one (see {@link CredentialPickers}), narrowed by the
 * UCP URL's domain.
 */
public abstract class BootstrapperStepDescriptor extends DtrApiStepDescriptor {

    static final String UCP_CREDENTIAL_KIND =
            "'Username with password' credential (a UCP/MKE administrator and their password)";

    @POST
    public ListBoxModel doFillUcpCredentialsIdItems(@AncestorInPath @CheckForNull Item item,
            @QueryParameter String ucpUrl, @QueryParameter String ucpCredentialsId) {
        return CredentialPickers.fill(item, ucpCredentialsId, StandardUsernamePasswordCredentials.class, ucpUrl);
    }

    @POST
    public FormValidation doCheckUcpCredentialsId(@AncestorInPath @CheckForNull Item item,
            @QueryParameter String ucpUrl, @QueryParameter String value) {
        return CredentialPickers.check(item, value, StandardUsernamePasswordCredentials.class, ucpUrl, UCP_CREDENTIAL_KIND);
    }

    @POST
    public FormValidation doCheckUcpUrl(@QueryParameter String value) {
        return FormChecks.ucpUrl(value);
    }

    @POST
    public FormValidation doCheckUcpCaCertificate(@QueryParameter String value, @QueryParameter boolean ucpInsecure) {
        return FormChecks.ucpCaCertificate(value, ucpInsecure);
    }

    @POST
    public FormValidation doCheckReplicaId(@QueryParameter String value) {
        return FormChecks.replicaId("replicaId", value);
    }

    @POST
    public FormValidation doCheckImage(@QueryParameter String value) {
        return FormChecks.bootstrapperImage(value);
    }
}
