package org.dtrmigration.storage;

import java.io.Serializable;
import java.util.List;
import org.dtrmigration.secret.Secret;

/**
 * How to authenticate to a storage backend. Values only: the CLI resolves them from the environment
 * ({@link EnvironmentCredentials}), the plugin from Jenkins credentials. Every secret part is a
 * {@link Secret}, so printing a credentials value shows {@code ****}.
 */
public sealed interface StorageCredentials extends Serializable permits StorageCredentials.None, S3Credentials, AzureCredentials {

    /** The secret parts, so that messages built from SDK errors can be scrubbed of them. */
    List<Secret> secrets();

    /** For locations that need no credentials (the filesystem). */
    static StorageCredentials none() {
        return new None();
    }

    record None() implements StorageCredentials {
        private static final long serialVersionUID = 1L;

        @Override
        public List<Secret> secrets() {
            return List.of();
        }
    }
}
