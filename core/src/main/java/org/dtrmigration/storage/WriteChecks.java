package org.dtrmigration.storage;

import java.io.IOException;
import java.util.Arrays;

/** What the cloud stores check before they commit a write: a usable key, and a body neither short nor altered. */
final class WriteChecks {
    private WriteChecks() {
    }

    /** The object's name in the bucket or container: the store's root prefix, then the key. */
    static String under(String root, String key) {
        if (key.isEmpty() || key.startsWith("/")) {
            throw new IllegalArgumentException("invalid object key: '" + key + "'");
        }
        return root + key;
    }

    /** @param expected the length the caller announced, or negative for none */
    static void length(String key, long expected, long actual) throws IOException {
        if (expected >= 0 && expected != actual) {
            throw new IOException("short write for '" + key + "': expected " + expected + " bytes, got " + actual + "; nothing written");
        }
    }

    /** @param expected the MD5 the caller announced, or null for none */
    static void md5(String key, byte[] expected, byte[] actual) throws IOException {
        if (expected != null && !Arrays.equals(expected, actual)) {
            throw new IOException("content of '" + key + "' has MD5 " + Md5.hex(actual) + ", expected " + Md5.hex(expected)
                    + "; nothing written");
        }
    }
}
