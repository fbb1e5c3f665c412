package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub of {@code com.cloudbees.plugins.credentials.common.StandardCredentials} (credentials). */
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
