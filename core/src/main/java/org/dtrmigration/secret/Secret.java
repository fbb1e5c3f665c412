package org.dtrmigration.secret;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (password, access key, token) that never shows itself by accident: {@link #toString()}
 * prints {@code ****}, so a secret inside a record, a log line or an exception message stays masked.
 * Only {@link #reveal()} returns the value, and callers should hand it straight to the SDK or HTTP
 * header that needs it.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What every secret prints as. */
    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a value; null is rejected so that "no secret" is expressed as a null/optional Secret, not an empty one. */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "secret value"));
    }

    /** Wraps a value that may be absent or blank (environment variables): null for null or empty input. */
    public static Secret ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    /** The plain value. Name the call site so a reviewer can see where a secret leaves its wrapper. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /**
     * Replaces every occurrence of the given secrets' values in {@code text} with {@link #MASK}: a last line of
     * defence for messages built from third-party exceptions. Null secrets are ignored.
     */
    public static String redact(String text, Iterable<Secret> secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Secret secret : secrets) {
            if (secret != null && !secret.value.isEmpty()) {
                result = result.replace(secret.value, MASK);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return MASK;
    }

    /** Constant-time comparison so equality checks do not leak the value's prefix through timing. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant so that hashing does not depend on (or leak) the value; secrets are not map keys in practice. */
    @Override
    public int hashCode() {
        return 0x5ec2e7;
    }
}
