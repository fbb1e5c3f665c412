package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Stub of {@code com.cloudbees.plugins.credentials.BaseCredentials} (credentials): constructors do nothing, every
 * method throws.
 */
public class BaseCredentials implements Credentials {
    protected BaseCredentials() {
    }

    public BaseCredentials(@CheckForNull CredentialsScope scope) {
    }

    @Override
    public CredentialsScope getScope() {
        throw new UnsupportedOperationException();
    }
}
