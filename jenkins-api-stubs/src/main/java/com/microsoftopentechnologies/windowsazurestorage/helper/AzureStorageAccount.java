package com.microsoftopentechnologies.windowsazurestorage.helper;

import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import hudson.model.Item;
import java.io.Serializable;

/**
 * Stub of {@code com.microsoftopentechnologies.windowsazurestorage.helper.AzureStorageAccount}
 * (windows-azure-storage). Its public constructor is not stubbed; the private one only suppresses an implicit one and
 * is not API (mock the class instead).
 */
public class AzureStorageAccount extends BaseStandardCredentials {
    private AzureStorageAccount() {
        super((String) null, (String) null);
    }

    /** Stub of {@code AzureStorageAccount.StorageAccountCredential}: constructors do nothing, methods throw. */
    public static class StorageAccountCredential implements Serializable {
        public StorageAccountCredential(String storageAccountName, String storageKey, String blobEndpointURL,
                String cdnEndpointURL) {
        }

        public StorageAccountCredential() {
        }

        public String getStorageAccountName() {
            throw new UnsupportedOperationException();
        }

        public String getStorageAccountKey() {
            throw new UnsupportedOperationException();
        }

        public String getBlobEndpointURL() {
            throw new UnsupportedOperationException();
        }

        public String getCdnEndpointURL() {
            throw new UnsupportedOperationException();
        }

        public String getId() {
            throw new UnsupportedOperationException();
        }
    }

    public static StorageAccountCredential getStorageAccountCredential(Item item, String storageCredentialId) {
        throw new UnsupportedOperationException();
    }

    public String getStorageAccountName() {
        throw new UnsupportedOperationException();
    }

    public String getPlainStorageKey() {
        throw new UnsupportedOperationException();
    }

    public String getStorageKey() {
        throw new UnsupportedOperationException();
    }

    public String getBlobEndpointURL() {
        throw new UnsupportedOperationException();
    }

    public String getCdnEndpointURL() {
        throw new UnsupportedOperationException();
    }

    public StorageAccountCredential getStorageCred() {
        throw new UnsupportedOperationException();
    }
}
