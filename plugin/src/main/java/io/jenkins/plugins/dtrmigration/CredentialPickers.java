package io.jenkins.plugins.dtrmigration;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The credentials drop-down and its check, as the credentials plugin's consumer guide prescribes: only people who
 * may configure the job (or use its credentials) see the list, which is computed as the job's build would see it.
 * Everyone else sees just the current value, so saving the form never changes it.
 */
final class CredentialPickers {

    private CredentialPickers() {
    }

    /** Items for a {@code <c:select/>} of credentials of {@code type}, narrowed by the domain of {@code uri}. */
    static ListBoxModel fill(@CheckForNull Item item, @CheckForNull String currentValue,
            Class<? extends StandardCredentials> type, @CheckForNull String uri) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = currentValue == null ? "" : currentValue;
        if (!mayList(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeAs(authentication(item), item, type, domain(uri))
                .includeCurrentValue(current);
    }

    /**
     * Checks a selected credential id: required, and a warning when no credential of {@code type} with that id is
     * visible to the job. {@code kind} names the expected credential in the messages.
     */
    static FormValidation check(@CheckForNull Item item, @CheckForNull String value,
            Class<? extends StandardCredentials> type, @CheckForNull String uri, String kind) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return FormValidation.error("Required: " + kind);
        }
        String id = value.trim();
        ListBoxModel found = CredentialsProvider.listCredentialsInItem(type, item, authentication(item), domain(uri),
                CredentialsMatchers.withId(id));
        if (found.isEmpty()) {
            return FormValidation.warning("No " + kind + " with id '" + id + "' is visible to this job"
                    + (uri == null || uri.isBlank() ? "" : " for " + uri.trim()));
        }
        return FormValidation.ok();
    }

    /**
     * Items for a {@code <c:select/>} of the credentials {@code matcher} accepts, for a step that accepts several kinds.
     * Not narrowed by a domain: such a step resolves its credential by id alone, as listed here.
     */
    static ListBoxModel fill(@CheckForNull Item item, @CheckForNull String currentValue, CredentialsMatcher matcher) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = currentValue == null ? "" : currentValue;
        if (!mayList(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(authentication(item), item, StandardCredentials.class, domain(null), matcher)
                .includeCurrentValue(current);
    }

    /**
     * Checks a non-blank credential id against the kinds {@code matcher} accepts: a warning naming {@code kind} when no
     * such credential with that id is visible to the job.
     */
    static FormValidation check(@CheckForNull Item item, String value, CredentialsMatcher matcher, String kind) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        String id = value.trim();
        ListBoxModel found = CredentialsProvider.listCredentialsInItem(StandardCredentials.class, item, authentication(item),
                domain(null), CredentialsMatchers.allOf(CredentialsMatchers.withId(id), matcher));
        if (found.isEmpty()) {
            return FormValidation.warning("No " + kind + " with id '" + id + "' is visible to this job");
        }
        return FormValidation.ok();
    }

    /** Jenkins administrators in the global context; in a job, who may read its configuration or use its credentials. */
    static boolean mayList(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** The identity the job's builds run as, which is what resolves the credential at run time. */
    static Authentication authentication(@CheckForNull Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    static List<DomainRequirement> domain(@CheckForNull String uri) {
        return URIRequirementBuilder.fromUri(uri == null || uri.isBlank() ? null : uri.trim()).build();
    }
}
