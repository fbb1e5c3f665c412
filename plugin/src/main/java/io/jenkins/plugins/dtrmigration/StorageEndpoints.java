package io.jenkins.plugins.dtrmigration;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import java.util.Base64;
import org.dtrmigration.copy.Endpoint;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Turns a storage step's {@code from:}/{@code to:} argument and credentials id into an engine {@link Endpoint}, on
 * the controller: the location URI and the Jenkins credential resolved to plain values. Only these resolved values
 * travel to the agent.
 *
 * <ul>
 *   <li>filesystem: no credentials;</li>
 *   <li>S3: AWS credentials (aws-credentials; resolved here, so a role is assumed on the controller), or
 *       username/password as access key id / secret access key; without a credentials id, the AWS default chain on
 *       the agent (instance role, environment);</li>
 *   <li>Azure: a storage account credential (windows-azure-storage), username/password as account name / key, or
 *       secret text holding a connection string ({@code …AccountKey=…} or {@code …SharedAccessSignature=…}), a SAS
 *       token ({@code sv=…&sig=…}, with or without '?'), or an account key (base64; the account name comes from the
 *       location).</li>
 * </ul>
 */
final class StorageEndpoints {

    private StorageEndpoints() {
    }

    static Endpoint resolve(Run<?, ?> run, String parameter, String value, String credentialsParameter, String credentialsId)
            throws AbortException {
        StorageLocation location = location(parameter, value);
        StorageCredentials credentials = credentials(run, location, parameter, credentialsParameter, credentialsId);
        if (location instanceof AzureLocation azure && azure.account() == null && credentials instanceof AzureCredentials.SharedKey key
                && key.accountName() != null) {
            location = new AzureLocation(azure.container(), azure.prefix(), key.accountName(),
                    azure.endpoint() != null ? azure.endpoint() : AzureLocation.accountEndpoint(key.accountName(), AzureLocation.DEFAULT_REALM),
                    azure.legacyRootPrefix());
        }
        try {
            return new Endpoint(parameter, location, credentials);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** A location URI (a storage map was turned into one by {@link StorageMaps} before the step existed). */
    static StorageLocation location(String parameter, String value) throws AbortException {
        if (value == null || value.isBlank()) {
            throw new AbortException(parameter + ": required: " + StorageMaps.EXPECTED);
        }
        try {
            return StorageLocation.parse(value, parameter);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    static StorageCredentials credentials(Run<?, ?> run, StorageLocation location, String parameter, String credentialsParameter,
                                          String credentialsId) throws AbortException {
        String id = credentialsId == null || credentialsId.isBlank() ? null : credentialsId.trim();
        StorageCredentials without = withoutCredential(location, parameter, credentialsParameter, id);
        if (without != null) {
            return without;
        }
        IdCredentials c = CredentialsProvider.findCredentialById(id, IdCredentials.class, run);
        if (c == null) {
            throw new AbortException(credentialsParameter + ": no credential with id '" + id + "' is visible to " + run.getFullDisplayName());
        }
        CredentialsProvider.track(run, c);
        return location instanceof S3Location ? s3(c, id, credentialsParameter) : azure(c, (AzureLocation) location, id, credentialsParameter);
    }

    /**
     * What a location gets without a Jenkins credential: nothing for a filesystem, the agent's AWS default chain for S3
     * without an id; null when the id ({@code id}, trimmed or null) must be resolved. Refuses a filesystem with an id
     * and Azure without one. Needs no Jenkins, so the form checks the same rule.
     */
    static StorageCredentials withoutCredential(StorageLocation location, String parameter, String credentialsParameter, String id)
            throws AbortException {
        if (location instanceof FilesystemLocation) {
            if (id != null) {
                throw new AbortException(credentialsParameter + ": " + parameter + " is a filesystem location, which needs no credentials; "
                        + "remove " + credentialsParameter);
            }
            return StorageCredentials.none();
        }
        if (id == null) {
            if (location instanceof S3Location) {
                return S3Credentials.defaultChain(); // the agent's instance role, environment or profile
            }
            throw new AbortException(credentialsParameter + ": required for Azure: the id of a storage account credential, or secret text "
                    + "holding a connection string, SAS token or account key");
        }
        return null;
    }

    private static S3Credentials s3(IdCredentials c, String id, String parameter) throws AbortException {
        if (c instanceof AmazonWebServicesCredentials aws) {
            AwsCredentials resolved;
            try {
                resolved = aws.resolveCredentials(); // may assume a role through STS: done here, on the controller
            } catch (RuntimeException e) {
                throw new AbortException(parameter + ": could not resolve AWS credentials '" + id + "': " + e.getClass().getSimpleName());
            }
            return new S3Credentials.AccessKey(resolved.accessKeyId(), Secret.of(resolved.secretAccessKey()),
                    resolved instanceof AwsSessionCredentials session ? Secret.of(session.sessionToken()) : null);
        }
        if (c instanceof StandardUsernamePasswordCredentials up) {
            try {
                return new S3Credentials.AccessKey(up.getUsername(), Secret.of(up.getPassword().getPlainText()), null);
            } catch (IllegalArgumentException e) {
                throw new AbortException(parameter + ": credential '" + id + "' has an empty username (the access key id)");
            }
        }
        throw new AbortException(parameter + ": credential '" + id + "' is a " + kind(c) + "; an S3 location needs AWS credentials or "
                + "a username/password (access key id / secret access key)");
    }

    private static AzureCredentials azure(IdCredentials c, AzureLocation location, String id, String parameter) throws AbortException {
        if (c instanceof StringCredentials text) {
            return fromSecretText(text.getSecret().getPlainText(), location, id, parameter);
        }
        if (c instanceof StandardUsernamePasswordCredentials up) {
            return new AzureCredentials.SharedKey(up.getUsername(), Secret.of(up.getPassword().getPlainText()));
        }
        AzureCredentials account = AzureStorageAccounts.credentials(c);
        if (account != null) {
            return account;
        }
        throw new AbortException(parameter + ": credential '" + id + "' is a " + kind(c) + "; an Azure location needs a storage account "
                + "credential, secret text (connection string, SAS token or account key) or a username/password (account name / key)");
    }

    /** Tells a connection string, a SAS token and an account key apart by their shape; never prints the text. */
    static AzureCredentials fromSecretText(String secret, AzureLocation location, String id, String parameter) throws AbortException {
        String t = secret == null ? "" : secret.strip();
        if (t.contains("AccountKey=") || t.contains("SharedAccessSignature=") || t.contains("BlobEndpoint=")
                || t.contains("AccountName=") || t.startsWith("DefaultEndpointsProtocol=")) {
            return new AzureCredentials.ConnectionString(Secret.of(t));
        }
        if (t.startsWith("?") || (t.contains("sig=") && t.contains("sv="))) {
            return new AzureCredentials.SasToken(Secret.of(t));
        }
        if (isAccountKey(t)) {
            if (location.account() == null) {
                throw new AbortException(parameter + ": credential '" + id + "' holds an account key, which needs the account name: set "
                        + "'accountname' in the storage map or ?account= in the location");
            }
            return new AzureCredentials.SharedKey(location.account(), Secret.of(t));
        }
        throw new AbortException(parameter + ": the secret text of credential '" + id + "' is neither a connection string "
                + "(AccountName=…;AccountKey=…), a SAS token (sv=…&sig=…) nor a base64 account key");
    }

    private static boolean isAccountKey(String t) {
        if (t.length() < 40) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(t).length >= 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String kind(Object c) {
        return c.getClass().getSimpleName().replaceAll("\\$MockitoMock\\$.*", "");
    }
}
