package io.jenkins.plugins.dtrmigration;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.microsoftopentechnologies.windowsazurestorage.helper.AzureStorageAccount;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.AzureCredentials;

/**
 * The windows-azure-storage plugin's storage account credential. Kept in its own class so that the plugin works
 * without that (optional) plugin: this class is only linked when a credential could be one.
 */
final class AzureStorageAccounts {

    private AzureStorageAccounts() {
    }

    /** The account's shared key, or null when {@code c} is not a storage account credential (or the plugin is absent). */
    static AzureCredentials credentials(Object c) {
        try {
            return of(c);
        } catch (LinkageError e) {
            return null; // windows-azure-storage is not installed
        }
    }

    /** Matches storage account credentials for the credentials pickers; null when windows-azure-storage is absent. */
    static CredentialsMatcher matcher() {
        try {
            return CredentialsMatchers.instanceOf(AzureStorageAccount.class);
        } catch (LinkageError e) {
            return null; // windows-azure-storage is not installed
        }
    }

    private static AzureCredentials of(Object c) {
        if (c instanceof AzureStorageAccount account) {
            return new AzureCredentials.SharedKey(account.getStorageAccountName(), Secret.of(account.getPlainStorageKey()));
        }
        return null;
    }
}
