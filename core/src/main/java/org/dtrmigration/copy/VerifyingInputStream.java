package org.dtrmigration.copy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.dtrmigration.layout.Digest;

/**
 * Passes a blob's bytes through while hashing them, and refuses to deliver its last byte (or end-of-stream)
 * unless the content hashes to the digest its key names and has the listed length. A store writing from
 * this stream therefore fails, and commits nothing, on a corrupt or truncated source: the destination
 * never holds a blob whose content mismatches its name.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final String where;
    private final String key;
    private final Digest expected;
    private final long length;
    private final MessageDigest sha;
    private long count;
    private boolean verified;

    VerifyingInputStream(InputStream in, String where, String key, Digest expected, long length) {
        super(in);
        this.where = where;
        this.key = key;
        this.expected = expected;
        this.length = length;
        this.sha = newDigest(expected.algorithm());
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals(Digest.SHA512) ? "SHA-512" : "SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256 and SHA-512", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        // Never read past the expected length: a longer source is caught at end-of-stream below.
        int n = super.read(b, off, len);
        if (n < 0) {
            check();
            return -1;
        }
        sha.update(b, off, n);
        count += n;
        if (count > length) {
            throw new DigestMismatchException(key, "blob '" + key + "' in " + where + " is longer than its listed " + length
                    + " bytes (changed while copying, or corrupt)");
        }
        if (count == length) {
            check(); // before handing out the last bytes
        }
        return n;
    }

    private void check() throws IOException {
        if (count != length) {
            throw new DigestMismatchException(key, "blob '" + key + "' in " + where + " ended after " + count + " of its listed "
                    + length + " bytes (truncated, or changed while copying)");
        }
        if (!verified) {
            Digest actual = new Digest(expected.algorithm(), java.util.HexFormat.of().formatHex(sha.digest()));
            if (!actual.equals(expected)) {
                throw DigestMismatchException.of(where, key, expected, actual, length);
            }
            verified = true;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported while verifying a blob");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }
}
