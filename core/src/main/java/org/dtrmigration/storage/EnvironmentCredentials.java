package org.dtrmigration.storage;

import java.util.Map;
import java.util.Objects;
import org.dtrmigration.secret.Secret;

/**
 * Resolves credentials for the CLI from environment variables, with the names the AWS and Azure
 * command-line tools use. The environment is injected so tests need not touch the process's own.
 */
public final class EnvironmentCredentials {

    private final Map<String, String> env;

    public EnvironmentCredentials(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** Reads the process environment. */
    public static EnvironmentCredentials system() {
        return new EnvironmentCredentials(System.getenv());
    }

    /**
     * The credentials for a location.
     *
     * <ul>
     *   <li>filesystem: none;</li>
     *   <li>S3: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) when set; otherwise the AWS SDK's
     *       default chain (AWS_PROFILE and ~/.aws files, web identity, container and instance roles);</li>
     *   <li>Azure: AZURE_STORAGE_CONNECTION_STRING, else AZURE_STORAGE_ACCOUNT + AZURE_STORAGE_KEY, else
     *       AZURE_STORAGE_SAS_TOKEN (the order the Azure CLI uses).</li>
     * </ul>
     *
     * @param parameter the option the location came from, for messages
     * @throws IllegalArgumentException when the variables are incomplete or, for Azure, absent
     */
    public StorageCredentials resolve(StorageLocation location, String parameter) {
        // Java 17: no pattern switch yet; the interface is sealed, so these three are all.
        if (location instanceof S3Location) {
            return s3(parameter);
        }
        if (location instanceof AzureLocation azure) {
            return azure(azure, parameter);
        }
        return StorageCredentials.none();
    }

    private S3Credentials s3(String parameter) {
        String id = value("AWS_ACCESS_KEY_ID");
        Secret secret = Secret.ofNullable(value("AWS_SECRET_ACCESS_KEY"));
        if (id != null && secret != null) {
            return new S3Credentials.AccessKey(id, secret, Secret.ofNullable(value("AWS_SESSION_TOKEN")));
        }
        if (id != null) {
            throw new IllegalArgumentException(parameter + ": AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
        }
        if (secret != null) {
            throw new IllegalArgumentException(parameter + ": AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
        }
        return new S3Credentials.DefaultChain(value("AWS_PROFILE"));
    }

    private AzureCredentials azure(AzureLocation location, String parameter) {
        Secret connectionString = Secret.ofNullable(value("AZURE_STORAGE_CONNECTION_STRING"));
        if (connectionString != null) {
            return new AzureCredentials.ConnectionString(connectionString);
        }
        String account = value("AZURE_STORAGE_ACCOUNT");
        Secret key = Secret.ofNullable(value("AZURE_STORAGE_KEY"));
        if (key != null) {
            if (account == null && location.account() == null) {
                throw new IllegalArgumentException(parameter + ": AZURE_STORAGE_KEY is set but neither AZURE_STORAGE_ACCOUNT nor "
                        + "the location's ?account= names the storage account");
            }
            if (account != null && location.account() != null && !account.equals(location.account())) {
                throw new IllegalArgumentException(parameter + ": AZURE_STORAGE_ACCOUNT is '" + account
                        + "' but the location names account '" + location.account() + "'");
            }
            return new AzureCredentials.SharedKey(account != null ? account : location.account(), key);
        }
        Secret sas = Secret.ofNullable(value("AZURE_STORAGE_SAS_TOKEN"));
        if (sas != null) {
            return new AzureCredentials.SasToken(sas);
        }
        throw new IllegalArgumentException(parameter + ": no Azure credentials: set AZURE_STORAGE_CONNECTION_STRING, "
                + "or AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY, or AZURE_STORAGE_SAS_TOKEN");
    }

    private String value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
