package com.cloudbees.plugins.credentials.common;

/** Stub of {@code com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials} (credentials). */
public interface StandardUsernamePasswordCredentials
        extends StandardUsernameCredentials, UsernamePasswordCredentials {
}
