package org.dtrmigration.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** MD5 helpers: the content hash S3 (single-part ETag) and Azure (Content-MD5) keep for free. */
final class Md5 {
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");

    private Md5() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    static byte[] of(byte[] data, int offset, int length) {
        MessageDigest md = digest();
        md.update(data, offset, length);
        return md.digest();
    }

    static String hex(byte[] md5) {
        return md5 == null ? null : HexFormat.of().formatHex(md5);
    }

    static String base64(byte[] md5) {
        return Base64.getEncoder().encodeToString(md5);
    }

    /**
     * The MD5 an S3 ETag stands for, or null. A single-part upload's ETag is the MD5 in quotes; a multipart
     * ETag has a "-N" suffix and SSE-KMS objects have other ETags, which are not 32 hex digits.
     */
    static String fromEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.strip();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return HEX32.matcher(e).matches() ? e.toLowerCase(java.util.Locale.ROOT) : null;
    }
}
