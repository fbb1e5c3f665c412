package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Stub of {@code com.cloudbees.plugins.credentials.impl.BaseStandardCredentials} (credentials): constructors do
 * nothing, every method throws ({@code equals}/{@code hashCode} are not stubbed).
 */
public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {
    public BaseStandardCredentials(@CheckForNull String id, @CheckForNull String description) {
    }

    public BaseStandardCredentials(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description) {
    }

    @NonNull
    @Override
    public String getDescription() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    @Override
    public String getId() {
        throw new UnsupportedOperationException();
    }
}
