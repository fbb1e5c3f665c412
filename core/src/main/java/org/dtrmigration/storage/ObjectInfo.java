package org.dtrmigration.storage;

import java.util.Objects;

/**
 * One object in a store: its key relative to the store's root, its size and, where the backend
 * offers it for free in listings (S3 single-part ETag, Azure Content-MD5), its MD5 as lowercase hex.
 */
public record ObjectInfo(String key, long size, String md5Hex) {
    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }

    public ObjectInfo(String key, long size) {
        this(key, size, null);
    }
}
