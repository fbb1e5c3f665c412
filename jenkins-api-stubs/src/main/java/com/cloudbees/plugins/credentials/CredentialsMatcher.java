package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Stub of {@code com.cloudbees.plugins.credentials.CredentialsMatcher} (credentials). */
public interface CredentialsMatcher extends Serializable {
    boolean matches(@NonNull Credentials item);
}
