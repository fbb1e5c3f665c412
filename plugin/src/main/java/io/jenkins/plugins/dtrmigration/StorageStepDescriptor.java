package io.jenkins.plugins.dtrmigration;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.S3Location;
import org.dtrmigration.storage.StorageLocation;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * How the storage steps are built and configured. From a Jenkinsfile, {@link #newInstance(Map)} turns DTR's storage
 * map in {@code from:}/{@code to:} into its location URI first, so that the step itself takes text and its form binds
 * and round-trips. For the Snippet Generator, the fields every {@link StorageStep} shares: {@code from} and {@code to}
 * (location URIs), their credentials and {@code concurrency}. Their help, and that of {@code includeUploads}, lives
 * next to {@link StorageStep}, where Jenkins finds it for both steps.
 *
 * <p>A credentials list offers the kinds {@link StorageEndpoints} accepts for the location typed next to it (all of
 * them while that location is blank or invalid), with the permission rules of {@link CredentialPickers}; its check
 * applies the step's own rule first (a filesystem takes none, Azure needs one).
 */
public abstract class StorageStepDescriptor extends StepDescriptor {

    /**
     * Builds the step a Jenkinsfile calls. workflow-cps calls an override of this method instead of structs'
     * {@code DescribableModel} directly (DSL.invokeStep); the default implementation, reached through
     * {@link #instantiate}, then binds the converted arguments as usual. Map secrets never reach the step: only the
     * warnings naming them, printed when it runs. Bad arguments fail with the parameter's name and no stack trace;
     * an unknown parameter fails too, where DescribableModel with a build log would only warn.
     */
    @Override
    @SuppressWarnings("deprecation") // the successor, structs' CustomDescribableModel, is not in the API this plugin builds on
    public Step newInstance(Map<String, Object> arguments) throws Exception {
        StorageMaps.Converted converted = StorageMaps.convert(arguments);
        StorageStep step;
        try {
            step = (StorageStep) instantiate(new LinkedHashMap<>(converted.arguments())); // mutable, as CPS hands it over
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new AbortException(e.getMessage());
        }
        step.setWarnings(converted.warnings());
        return step;
    }

    /** {@link StepDescriptor}'s own instantiation (structs' DescribableModel); apart, so unit tests can stand in for it. */
    @SuppressWarnings("deprecation")
    Step instantiate(Map<String, Object> arguments) throws Exception {
        return super.newInstance(arguments);
    }

    @POST
    public FormValidation doCheckFrom(@QueryParameter String value) {
        return FormChecks.location("from", value);
    }

    @POST
    public FormValidation doCheckTo(@QueryParameter String value) {
        return FormChecks.location("to", value);
    }

    @POST
    public ListBoxModel doFillFromCredentialsIdItems(@AncestorInPath @CheckForNull Item item,
            @QueryParameter String from, @QueryParameter String fromCredentialsId) {
        return CredentialPickers.fill(item, fromCredentialsId, Kind.of(from).matcher());
    }

    @POST
    public ListBoxModel doFillToCredentialsIdItems(@AncestorInPath @CheckForNull Item item,
            @QueryParameter String to, @QueryParameter String toCredentialsId) {
        return CredentialPickers.fill(item, toCredentialsId, Kind.of(to).matcher());
    }

    @POST
    public FormValidation doCheckFromCredentialsId(@AncestorInPath @CheckForNull Item item,
            @QueryParameter String from, @QueryParameter String value) {
        return checkCredentialsId(item, "from", from, "fromCredentialsId", value);
    }

    @POST
    public FormValidation doCheckToCredentialsId(@AncestorInPath @CheckForNull Item item,
            @QueryParameter String to, @QueryParameter String value) {
        return checkCredentialsId(item, "to", to, "toCredentialsId", value);
    }

    @POST
    public FormValidation doCheckConcurrency(@QueryParameter String value) {
        return FormChecks.concurrency(value);
    }

    static FormValidation checkCredentialsId(@CheckForNull Item item, String parameter, @CheckForNull String location,
            String credentialsParameter, @CheckForNull String value) {
        String id = FormChecks.isBlank(value) ? null : value.trim();
        Kind kind = Kind.of(location);
        if (kind.location != null) {
            try {
                StorageEndpoints.withoutCredential(kind.location, parameter, credentialsParameter, id);
            } catch (AbortException e) {
                return FormValidation.error(FormChecks.withoutParameter(credentialsParameter, e.getMessage()));
            }
            if (id == null) {
                return FormValidation.ok(); // S3 without an id: the agent's default AWS credentials
            }
        } else if (id == null) {
            return FormValidation.ok(); // the location's own check says what is wrong with it
        }
        return CredentialPickers.check(item, id, kind.matcher(), kind.description);
    }

    /** The credential kinds a location accepts, as {@link StorageEndpoints} resolves them. */
    static final class Kind {
        static final String S3 = "AWS credential or 'Username with password' (access key id / secret access key)";
        static final String AZURE = "Azure storage account credential, 'Secret text' (connection string, SAS token or"
                + " account key) or 'Username with password' (account name / key)";
        static final String ANY = "storage credential (AWS, 'Username with password', 'Secret text' or Azure storage account)";

        /** The parsed location, or null when blank or invalid. */
        @CheckForNull
        final StorageLocation location;
        final String description;

        private Kind(@CheckForNull StorageLocation location, String description) {
            this.location = location;
            this.description = description;
        }

        static Kind of(@CheckForNull String text) {
            StorageLocation location;
            try {
                location = FormChecks.isBlank(text) ? null : StorageLocation.parse(text, "location");
            } catch (IllegalArgumentException e) {
                location = null;
            }
            if (location instanceof S3Location) {
                return new Kind(location, S3);
            }
            if (location instanceof AzureLocation) {
                return new Kind(location, AZURE);
            }
            return new Kind(location, ANY);
        }

        CredentialsMatcher matcher() {
            if (location instanceof FilesystemLocation) {
                return CredentialsMatchers.never();
            }
            List<CredentialsMatcher> kinds = new ArrayList<>();
            if (!(location instanceof AzureLocation)) {
                kinds.add(CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class));
            }
            kinds.add(CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));
            if (!(location instanceof S3Location)) {
                kinds.add(CredentialsMatchers.instanceOf(StringCredentials.class));
                CredentialsMatcher account = AzureStorageAccounts.matcher();
                if (account != null) {
                    kinds.add(account);
                }
            }
            return CredentialsMatchers.anyOf(kinds.toArray(new CredentialsMatcher[0]));
        }
    }
}
