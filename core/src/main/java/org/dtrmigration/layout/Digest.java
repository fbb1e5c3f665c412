package org.dtrmigration.layout;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A content digest as distribution writes it: {@code sha256:<64 lowercase hex>}. {@code sha512} is
 * accepted too because OCI allows it; registries in the DTR/MSR range only produce sha256.
 * Parsing is strict (lowercase hex, exact length) because a digest also names a storage key, and a
 * key spelled differently is a different object.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    public static final String SHA256 = "sha256";
    public static final String SHA512 = "sha512";

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        int expected = hexLength(algorithm);
        if (expected < 0) {
            throw new IllegalArgumentException("unsupported digest algorithm: '" + algorithm + "'");
        }
        if (hex.length() != expected || !isLowerHex(hex, 0, hex.length())) {
            throw new IllegalArgumentException("invalid " + algorithm + " hex (want " + expected
                    + " lowercase hex digits): '" + hex + "'");
        }
    }

    /** Parses {@code algorithm:hex}; throws {@link IllegalArgumentException} on anything else. */
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "digest");
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("invalid digest: '" + text + "'"));
    }

    /** Parses {@code algorithm:hex}, or empty when the text is not a valid digest. */
    public static Optional<Digest> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String algorithm = text.substring(0, colon);
        int expected = hexLength(algorithm);
        if (expected < 0 || text.length() - colon - 1 != expected || !isLowerHex(text, colon + 1, text.length())) {
            return Optional.empty();
        }
        return Optional.of(new Digest(algorithm, text.substring(colon + 1)));
    }

    public static Digest sha256(String hex) {
        return new Digest(SHA256, hex);
    }

    /** The sha256 digest of {@code content}. */
    public static Digest of(byte[] content) {
        MessageDigest md = newSha256();
        md.update(content);
        return fromSha256(md);
    }

    /** Completes {@code md} (which must be a SHA-256 digest) and wraps the result. */
    public static Digest fromSha256(MessageDigest md) {
        return sha256(HexFormat.of().formatHex(md.digest()));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }

    /** Hex digits of the algorithm's digests, or -1 when it is not supported. */
    static int hexLength(String algorithm) {
        return switch (algorithm) {
            case SHA256 -> 64;
            case SHA512 -> 128;
            default -> -1;
        };
    }

    static boolean isLowerHex(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Digest o) {
        int c = algorithm.compareTo(o.algorithm);
        return c != 0 ? c : hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
