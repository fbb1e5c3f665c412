package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Node;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Stub of {@code com.cloudbees.plugins.credentials.CredentialsProvider} (credentials), with a subset of its
 * supertypes. Permission constants are distinct placeholder instances; every static method throws.
 */
@SuppressWarnings({"rawtypes", "deprecation"})
public abstract class CredentialsProvider implements ExtensionPoint {

    public static final Permission USE_OWN = new Permission(null, "UseOwn", null);

    public static final Permission USE_ITEM = new Permission(null, "UseItem", null);

    public static final Permission CREATE = new Permission(null, "Create", null);

    public static final Permission UPDATE = new Permission(null, "Update", null);

    public static final Permission VIEW = new Permission(null, "View", null);

    public static final Permission DELETE = new Permission(null, "Delete", null);

    public static final Permission MANAGE_DOMAINS = new Permission(null, "ManageDomains", null);

    public CredentialsProvider() {
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(@NonNull Class<C> type,
            @CheckForNull ItemGroup itemGroup, @CheckForNull Authentication authentication) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(@NonNull Class<C> type,
            @CheckForNull ItemGroup itemGroup, @CheckForNull Authentication authentication,
            @CheckForNull List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItemGroup(@NonNull Class<C> type,
            @CheckForNull ItemGroup itemGroup, @CheckForNull Authentication authentication,
            @CheckForNull List<DomainRequirement> domainRequirements, @CheckForNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItem(@NonNull Class<C> type,
            @CheckForNull Item item, @CheckForNull Authentication authentication) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItem(@NonNull Class<C> type,
            @CheckForNull Item item, @CheckForNull Authentication authentication,
            @CheckForNull List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItem(@NonNull Class<C> type,
            @CheckForNull Item item, @CheckForNull Authentication authentication,
            @CheckForNull List<DomainRequirement> domainRequirements, @CheckForNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run, DomainRequirement... domainRequirements) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run, @CheckForNull List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Node node, @CheckForNull C credentials) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Item item, @CheckForNull C credentials) {
        throw new UnsupportedOperationException();
    }
}
