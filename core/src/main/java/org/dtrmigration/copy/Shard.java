package org.dtrmigration.copy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.dtrmigration.layout.RegistryLayout;

/**
 * One of {@code count} deterministic slices of a registry tree, numbered from 1, so that N copies on N
 * agents together cover every key exactly once. Blob keys are split by the first byte of their digest
 * (the {@code blobs/<alg>/<xx>/} directory, so a shard lists only its own blob directories), repository
 * keys by a hash of the repository name, anything else by a hash of the key. A link and the blob it
 * points at may fall in different shards: a sharded destination is complete only when every shard is done.
 *
 * @param index 1..count
 * @param count 1..256 (blobs are split by one digest byte, so more shards would leave some without blobs)
 */
public record Shard(int index, int count) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int MAX_COUNT = 256;

    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("shard: the shard count must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("shard: the shard number must be between 1 and " + count + ", got " + index);
        }
    }

    /** The whole tree. */
    public static Shard all() {
        return new Shard(1, 1);
    }

    /**
     * Parses {@code I/N} (e.g. {@code 2/4}); null or blank means the whole tree.
     *
     * @param parameter the option or step argument, for messages
     */
    public static Shard parse(String text, String parameter) {
        if (text == null || text.isBlank()) {
            return all();
        }
        String t = text.strip();
        int slash = t.indexOf('/');
        try {
            if (slash > 0) {
                return new Shard(Integer.parseInt(t.substring(0, slash).strip()), Integer.parseInt(t.substring(slash + 1).strip()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(parameter + e.getMessage().substring("shard".length()));
        }
        throw new IllegalArgumentException(parameter + ": expected I/N with 1 <= I <= N <= " + MAX_COUNT + " (e.g. 1/4), got '" + t + "'");
    }

    public boolean isAll() {
        return count == 1;
    }

    /** Whether every key under {@code blobs/<alg>/<dir>/} belongs to this shard; {@code dir} is the one path segment. */
    boolean ownsBlobDirectory(String dir) {
        if (count == 1) {
            return true;
        }
        int value = hexByte(dir);
        return value >= 0 ? value % count == index - 1 : bucket(dir);
    }

    /** Whether this shard copies the key (relative to the registry root). */
    public boolean owns(String key) {
        if (count == 1) {
            return true;
        }
        if (key.startsWith(RegistryLayout.BLOBS)) {
            int alg = key.indexOf('/', RegistryLayout.BLOBS.length());
            int dirEnd = alg < 0 ? -1 : key.indexOf('/', alg + 1);
            if (dirEnd > alg + 1) {
                return ownsBlobDirectory(key.substring(alg + 1, dirEnd));
            }
        } else if (key.startsWith(RegistryLayout.REPOSITORIES)) {
            // A repository name component never starts with '_', so the first "/_" ends the name.
            int boundary = key.indexOf("/_", RegistryLayout.REPOSITORIES.length());
            if (boundary > RegistryLayout.REPOSITORIES.length()) {
                return bucket(key.substring(RegistryLayout.REPOSITORIES.length(), boundary));
            }
        }
        return bucket(key);
    }

    private boolean bucket(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % count == index - 1;
    }

    private static int hexByte(String s) {
        if (s.length() != 2) {
            return -1;
        }
        int hi = Character.digit(s.charAt(0), 16);
        int lo = Character.digit(s.charAt(1), 16);
        return hi < 0 || lo < 0 || Character.isUpperCase(s.charAt(0)) || Character.isUpperCase(s.charAt(1)) ? -1 : hi * 16 + lo;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
