package org.dtrmigration.storage;

import java.io.Serializable;
import java.util.Map;

/**
 * Where a registry's storage lives: a directory, an S3 bucket and prefix, or an Azure container and
 * prefix. Locations are plain values that travel to agents; they never hold credentials, so their
 * {@code toString} and {@link #toUri()} are safe to log.
 */
public sealed interface StorageLocation extends Serializable permits FilesystemLocation, S3Location, AzureLocation {

    /** The canonical URI form, parseable by {@link #parse}; never contains a secret. */
    String toUri();

    /**
     * Parses a location URI ({@code file:///abs/path}, {@code s3://bucket/prefix?…},
     * {@code azure://container/prefix?…}).
     *
     * @param parameter the option or step argument the text came from, used in error messages (e.g. "--to")
     * @throws IllegalArgumentException naming {@code parameter} and saying what is expected
     */
    static StorageLocation parse(String text, String parameter) {
        return StorageLocationParser.parseUri(text, parameter);
    }

    /**
     * Reads DTR's storage configuration ({@code {s3: {bucket, region, …}}} or the same wrapped in
     * {@code {storage: …}}). Credential entries in the map are ignored: locations carry none.
     */
    static StorageLocation fromDtrConfig(Map<String, ?> config, String parameter) {
        return StorageLocationParser.fromDtrConfig(config, parameter);
    }
}
