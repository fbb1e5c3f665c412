package org.dtrmigration.copy;

import java.io.Serializable;
import java.util.Objects;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;

/**
 * One side of a copy or verification: a location and the credentials that open it. A plain value that
 * may travel to a Jenkins agent; its {@code toString} shows the location and masks every secret.
 *
 * @param parameter the option or step argument naming this side ("from", "to"), for messages
 */
public record Endpoint(String parameter, StorageLocation location, StorageCredentials credentials) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Endpoint {
        Objects.requireNonNull(parameter, "parameter");
        if (location == null) {
            throw new IllegalArgumentException(parameter + ": a storage location is required");
        }
        if (credentials == null) {
            throw new IllegalArgumentException(parameter + ": credentials are required (StorageCredentials.none() for a filesystem)");
        }
        if (location instanceof S3Location && !(credentials instanceof S3Credentials)) {
            throw new IllegalArgumentException(parameter + ": " + location.toUri() + " needs S3 credentials (an access key, "
                    + "AWS credentials or the AWS default chain)");
        }
        if (location instanceof AzureLocation && !(credentials instanceof AzureCredentials)) {
            throw new IllegalArgumentException(parameter + ": " + location.toUri() + " needs Azure credentials (an account key, "
                    + "SAS token or connection string)");
        }
    }

    @Override
    public String toString() {
        return parameter + "=" + location.toUri();
    }
}
