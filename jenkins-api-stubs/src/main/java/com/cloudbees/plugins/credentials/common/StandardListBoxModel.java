package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Stub of {@code com.cloudbees.plugins.credentials.common.StandardListBoxModel} (credentials). The implicit public
 * constructor exists upstream too.
 */
public class StandardListBoxModel
        extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    @NonNull
    @Override
    protected String describe(@NonNull StandardCredentials c) {
        throw new UnsupportedOperationException();
    }
}
