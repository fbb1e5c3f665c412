package org.dtrmigration.bootstrapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Checks a DTR/MSR backup archive before it is trusted: a non-empty tar, every entry under
 * {@code dtr-backup-v<version>/}, metadata under {@code …/rethink/}, every entry complete, and the
 * end-of-archive marker present (a backup cut off between two entries is still a readable tar, so
 * only the marker tells it is whole). The archive is read twice: once through the tar reader, once
 * for its SHA-256.
 */
public final class BackupArchive {

    private static final int BLOCK = 512;

    /** What the check found. */
    public record Summary(long size, String sha256, String version, int entries, int metadataEntries) {
    }

    private BackupArchive() {
    }

    /** The backup prefix for a version: {@code dtr-backup-v2.7.5/}. */
    public static String prefix(String version) {
        return "dtr-backup-v" + version + "/";
    }

    /**
     * Inspects the archive.
     *
     * @param expectedVersion the version the entries must carry ({@code major.minor.patch}), or null to accept
     *                        the first entry's
     * @throws InvalidBackupException saying what is wrong
     */
    public static Summary inspect(Path file, String expectedVersion) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidBackupException(file + ": no such backup file");
        }
        if (size == 0) {
            throw new InvalidBackupException(file + " is empty: the backup produced nothing");
        }
        String prefix = expectedVersion == null ? null : prefix(expectedVersion);
        String version = expectedVersion;
        int entries = 0;
        int metadata = 0;
        long dataEnd = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry entry;
            byte[] buffer = new byte[64 * 1024];
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (prefix == null) {
                    int slash = name.indexOf('/');
                    if (!name.startsWith("dtr-backup-v") || slash < 0) {
                        throw new InvalidBackupException(file + " is not a DTR/MSR backup: entry '" + name
                                + "' is not under dtr-backup-v<version>/");
                    }
                    version = name.substring("dtr-backup-v".length(), slash);
                    prefix = prefix(version);
                }
                if (!name.startsWith(prefix)) {
                    throw new InvalidBackupException(file + " is not a backup of version " + version + ": entry '" + name
                            + "' is not under " + prefix);
                }
                if (name.startsWith(prefix + "rethink/") && !entry.isDirectory()) {
                    metadata++;
                }
                long read = 0;
                int n;
                while ((n = tar.read(buffer)) > 0) {
                    read += n;
                }
                if (read != entry.getSize()) {
                    throw new InvalidBackupException(file + " is truncated: entry '" + name + "' has " + read + " of "
                            + entry.getSize() + " bytes");
                }
                entries++;
                dataEnd = tar.getBytesRead();
            }
        } catch (InvalidBackupException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            throw new InvalidBackupException(file + (m.toLowerCase(java.util.Locale.ROOT).contains("truncated")
                    ? " is truncated (" + m + ")" : " is not a readable tar archive (" + m + ")"), e);
        }
        if (entries == 0) {
            throw new InvalidBackupException(file + " holds no tar entries: not a DTR/MSR backup");
        }
        if (metadata == 0) {
            throw new InvalidBackupException(file + " has no metadata under " + prefix + "rethink/: not a complete DTR/MSR backup");
        }
        long marker = (dataEnd + BLOCK - 1) / BLOCK * BLOCK;
        if (!endMarkerAt(file, marker)) {
            throw new InvalidBackupException(file + " is truncated: the tar's end-of-archive marker is missing after "
                    + entries + " entries");
        }
        return new Summary(size, sha256(file), version, entries, metadata);
    }

    /** Two zero blocks where the last entry's data ends, as every tar writer closes an archive. */
    private static boolean endMarkerAt(Path file, long offset) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(2 * BLOCK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, offset + buffer.position());
                if (n < 0) {
                    return false;
                }
            }
        }
        for (byte b : buffer.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The file's SHA-256 as lowercase hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
