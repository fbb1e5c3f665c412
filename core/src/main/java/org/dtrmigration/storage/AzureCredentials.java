package org.dtrmigration.storage;

import java.util.List;
import java.util.Objects;
import org.dtrmigration.secret.Secret;

/** Credentials for Azure Blob Storage: an account key, a SAS token, or a connection string. */
public sealed interface AzureCredentials extends StorageCredentials {

    /**
     * The storage account's shared key.
     *
     * @param accountName the account, or null to take it from the location
     */
    record SharedKey(String accountName, Secret accountKey) implements AzureCredentials {
        private static final long serialVersionUID = 1L;

        public SharedKey {
            Objects.requireNonNull(accountKey, "accountKey");
        }

        @Override
        public List<Secret> secrets() {
            return List.of(accountKey);
        }
    }

    /** A shared access signature (with or without the leading '?'), scoped to the account or the container. */
    record SasToken(Secret token) implements AzureCredentials {
        private static final long serialVersionUID = 1L;

        public SasToken {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public List<Secret> secrets() {
            return List.of(token, Secret.of(sasSignature(token.reveal())));
        }

        /** The 'sig' value alone, which an error message could quote without the rest of the token. */
        private static String sasSignature(String token) {
            for (String part : token.replaceFirst("^\\?", "").split("&")) {
                if (part.startsWith("sig=")) {
                    return part.substring(4);
                }
            }
            return token;
        }
    }

    /**
     * A connection string (AccountName=…;AccountKey=…;BlobEndpoint=…). Its endpoint is used when the
     * location names none.
     */
    record ConnectionString(Secret value) implements AzureCredentials {
        private static final long serialVersionUID = 1L;

        public ConnectionString {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public List<Secret> secrets() {
            String text = value.reveal();
            for (String part : text.split(";")) {
                if (part.startsWith("AccountKey=")) {
                    return List.of(value, Secret.of(part.substring("AccountKey=".length())));
                }
                if (part.startsWith("SharedAccessSignature=")) {
                    return List.of(value, Secret.of(part.substring("SharedAccessSignature=".length())));
                }
            }
            return List.of(value);
        }
    }
}
