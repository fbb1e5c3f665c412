package org.dtrmigration.storage;

import java.net.URI;
import java.util.Objects;

/**
 * A key prefix in an S3 bucket, on AWS or on an S3-compatible server.
 *
 * @param bucket    the bucket name
 * @param prefix    the registry root inside the bucket (DTR's {@code rootdirectory}) without leading or
 *                  trailing '/'; empty for the bucket root
 * @param region    the signing region, or null to take it from the environment (AWS_REGION, profile);
 *                  with an endpoint and no region, us-east-1 is used
 * @param endpoint  an S3-compatible server's URL (MinIO, Ceph, S3Proxy), or null for AWS itself
 * @param pathStyle address the bucket in the path rather than the host name; the default with an endpoint
 */
public record S3Location(String bucket, String prefix, String region, URI endpoint, boolean pathStyle)
        implements StorageLocation {
    private static final long serialVersionUID = 1L;

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        prefix = StorageLocationParser.normalizePrefix(prefix == null ? "" : prefix, "prefix");
        if (endpoint != null) {
            StorageLocationParser.checkEndpoint(endpoint, "endpoint");
        }
    }

    @Override
    public String toUri() {
        StringBuilder uri = new StringBuilder("s3://").append(bucket).append('/').append(StorageLocationParser.encodePath(prefix));
        StorageLocationParser.Query query = new StorageLocationParser.Query();
        query.add("region", region);
        query.add("endpoint", endpoint == null ? null : endpoint.toString());
        if (pathStyle != (endpoint != null)) {
            query.add("pathstyle", Boolean.toString(pathStyle));
        }
        return uri.append(query).toString();
    }
}
