package com.cloudbees.plugins.credentials.common;

/** Stub of {@code com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials} (credentials). */
public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {
}
