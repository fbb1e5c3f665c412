package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/** Stub of {@code org.jenkinsci.plugins.plaincredentials.StringCredentials} (plain-credentials). */
public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();
}
