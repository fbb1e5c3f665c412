package org.dtrmigration.storage;

import java.util.Objects;

/**
 * Opens the {@link ObjectStore} for a location. The one place that maps location kinds to drivers,
 * used by the CLI and by the plugin's agent-side code alike.
 */
public final class StoreFactory {

    private final StoreOptions options;

    public StoreFactory(StoreOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public StoreFactory() {
        this(StoreOptions.defaults());
    }

    public StoreOptions options() {
        return options;
    }

    /**
     * Opens a store. No request is made yet: a missing bucket or rejected credentials surface as a
     * {@link StorageAccessException} from the first operation.
     *
     * @throws IllegalArgumentException when the credentials do not fit the location's kind
     */
    public ObjectStore open(StorageLocation location, StorageCredentials credentials) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(credentials, "credentials");
        if (location instanceof FilesystemLocation fs) {
            return new FilesystemStore(fs.toPath());
        }
        if (location instanceof S3Location s3) {
            if (!(credentials instanceof S3Credentials s3Credentials)) {
                throw new IllegalArgumentException(location.toUri() + " needs S3 credentials (an access key or the AWS default chain), got "
                        + kind(credentials));
            }
            return new S3Store(s3, s3Credentials, options);
        }
        AzureLocation azure = (AzureLocation) location;
        if (!(credentials instanceof AzureCredentials azureCredentials)) {
            throw new IllegalArgumentException(location.toUri() + " needs Azure credentials (an account key, SAS token or connection "
                    + "string), got " + kind(credentials));
        }
        return new AzureBlobStore(azure, azureCredentials, options);
    }

    private static String kind(StorageCredentials credentials) {
        if (credentials instanceof S3Credentials) {
            return "S3 credentials";
        }
        if (credentials instanceof AzureCredentials) {
            return "Azure credentials";
        }
        return "none";
    }
}
