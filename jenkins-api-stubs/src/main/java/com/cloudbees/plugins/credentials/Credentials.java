package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Run;
import java.io.Serializable;

/**
 * Stub of {@code com.cloudbees.plugins.credentials.Credentials} (credentials), with a subset of its supertypes
 * ({@code Describable<Credentials>} is left out, so implementations need no descriptor here).
 */
public interface Credentials extends Serializable, ExtensionPoint {
    CredentialsScope getScope();

    @NonNull
    default Credentials forRun(@NonNull Run<?, ?> context) {
        throw new UnsupportedOperationException();
    }
}
