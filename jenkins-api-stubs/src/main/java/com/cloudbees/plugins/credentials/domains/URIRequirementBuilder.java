package com.cloudbees.plugins.credentials.domains;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/**
 * Stub of {@code com.cloudbees.plugins.credentials.domains.URIRequirementBuilder} (credentials): every method throws.
 * The private constructor only suppresses an implicit one and is not API.
 */
public class URIRequirementBuilder {
    private URIRequirementBuilder() {
    }

    @NonNull
    public static URIRequirementBuilder create() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static URIRequirementBuilder fromUri(@CheckForNull String uri) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder duplicate() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withUri(@CheckForNull String uri) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withoutScheme() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withoutPath() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withoutHostname() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withoutHostnamePort() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withScheme(@CheckForNull String scheme) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withPath(@CheckForNull String path) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withHostname(@CheckForNull String hostname) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public URIRequirementBuilder withHostnamePort(@CheckForNull String hostname, int port) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public List<DomainRequirement> build() {
        throw new UnsupportedOperationException();
    }
}
