package org.dtrmigration.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.dtrmigration.secret.Secret;

/** Credentials for S3 and S3-compatible servers. */
public sealed interface S3Credentials extends StorageCredentials {

    static AccessKey of(String accessKeyId, Secret secretAccessKey) {
        return new AccessKey(accessKeyId, secretAccessKey, null);
    }

    /** The AWS SDK's default chain: environment, system properties, web identity, profile, container, instance role. */
    static DefaultChain defaultChain() {
        return new DefaultChain(null);
    }

    /**
     * A static key pair, optionally with a session token (temporary credentials). The access key id
     * is an identifier, not a secret (AWS prints it in errors and logs), so it stays readable.
     */
    record AccessKey(String accessKeyId, Secret secretAccessKey, Secret sessionToken) implements S3Credentials {
        private static final long serialVersionUID = 1L;

        public AccessKey {
            if (accessKeyId == null || accessKeyId.isBlank()) {
                throw new IllegalArgumentException("S3 access key id is empty");
            }
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        @Override
        public List<Secret> secrets() {
            List<Secret> list = new ArrayList<>(2);
            list.add(secretAccessKey);
            if (sessionToken != null) {
                list.add(sessionToken);
            }
            return Collections.unmodifiableList(list);
        }
    }

    /**
     * Let the AWS SDK find credentials on the machine that opens the store (an agent's instance role,
     * {@code ~/.aws/credentials}, AWS_* variables).
     *
     * @param profile a named profile from the AWS config files, or null for the default/AWS_PROFILE
     */
    record DefaultChain(String profile) implements S3Credentials {
        private static final long serialVersionUID = 1L;

        @Override
        public List<Secret> secrets() {
            return List.of();
        }
    }
}
