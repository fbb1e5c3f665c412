package org.dtrmigration.bootstrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupArchiveTest {

    @TempDir
    Path dir;

    static byte[] tar(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(content.length);
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] backup(String version) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("dtr-backup-v" + version + "/rethink/properties.json", "{\"version\":\"" + version + "\"}");
        entries.put("dtr-backup-v" + version + "/rethink/repositories/team/app.json", "x".repeat(700));
        entries.put("dtr-backup-v" + version + "/rethink/tags/team/app.json", "{\"v1\":\"sha256:" + "a".repeat(64) + "\"}");
        return tar(entries);
    }

    Path write(byte[] content) throws IOException {
        return Files.write(dir.resolve("backup.tar"), content);
    }

    @Test
    void aCompleteBackup() throws Exception {
        byte[] content = backup("2.7.5");
        BackupArchive.Summary s = BackupArchive.inspect(write(content), "2.7.5");
        assertThat(s.entries()).isEqualTo(3);
        assertThat(s.metadataEntries()).isEqualTo(3);
        assertThat(s.size()).isEqualTo(content.length);
        assertThat(s.version()).isEqualTo("2.7.5");
        assertThat(s.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(BackupArchive.inspect(write(content), null).version()).isEqualTo("2.7.5");
    }

    @Test
    void emptyOrNotATar() throws IOException {
        assertThatThrownBy(() -> BackupArchive.inspect(write(new byte[0]), "2.7.5"))
                .isInstanceOf(InvalidBackupException.class).hasMessageContaining("is empty");
        assertThatThrownBy(() -> BackupArchive.inspect(write("Error: unable to connect to UCP\n".getBytes(StandardCharsets.UTF_8)), "2.7.5"))
                .isInstanceOf(InvalidBackupException.class);
        assertThatThrownBy(() -> BackupArchive.inspect(dir.resolve("missing.tar"), "2.7.5"))
                .isInstanceOf(InvalidBackupException.class).hasMessageContaining("no such backup file");
    }

    @Test
    void anotherVersionOrAnotherArchive() throws IOException {
        assertThatThrownBy(() -> BackupArchive.inspect(write(backup("2.7.4")), "2.7.5"))
                .isInstanceOf(InvalidBackupException.class).hasMessageContaining("not under dtr-backup-v2.7.5/");
        assertThatThrownBy(() -> BackupArchive.inspect(write(tar(Map.of("etc/passwd", "root"))), null))
                .isInstanceOf(InvalidBackupException.class).hasMessageContaining("not a DTR/MSR backup");
        assertThatThrownBy(() -> BackupArchive.inspect(write(tar(Map.of("dtr-backup-v2.7.5/certs/ca.pem", "x"))), null))
                .isInstanceOf(InvalidBackupException.class).hasMessageContaining("no metadata under dtr-backup-v2.7.5/rethink/");
    }

    @Test
    void truncatedInsideAnEntry() throws IOException {
        byte[] full = backup("2.7.5");
        // header of entry 2 starts at 1024; cut into its data
        assertThatThrownBy(() -> BackupArchive.inspect(write(Arrays.copyOf(full, 1024 + 512 + 100)), "2.7.5"))
                .isInstanceOf(InvalidBackupException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedBetweenEntriesIsCaughtByTheMissingEndMarker() throws IOException {
        byte[] full = backup("2.7.5");
        // entry 1: 512 header + 512 data; entry 2: 512 header + 1024 data -> ends at 2560
        byte[] cut = Arrays.copyOf(full, 2560);
        assertThatThrownBy(() -> BackupArchive.inspect(write(cut), "2.7.5"))
                .isInstanceOf(InvalidBackupException.class)
                .hasMessageContaining("end-of-archive marker is missing after 2 entries");
    }
}
