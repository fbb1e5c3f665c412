package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stub of {@code com.cloudbees.plugins.credentials.CredentialsScope} (credentials). */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
