package org.dtrmigration.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeWriter;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactCopyVerificationTest {

    @TempDir
    Path dir;
    FilesystemStore source;
    FilesystemStore destination;
    WrittenImage v1;
    WrittenImage v2;
    Events events = new Events();

    @BeforeEach
    void setUp() throws Exception {
        source = new FilesystemStore(Files.createDirectories(dir.resolve("src")));
        destination = new FilesystemStore(Files.createDirectories(dir.resolve("dst")));
        RegistryTreeWriter writer = new RegistryTreeWriter(source);
        v1 = writer.writeImage("team/app", "v1", SyntheticImages.image(1, 2, 100, 300));
        v2 = writer.writeImage("team/app", "v2", SyntheticImages.image(2, 2, 100, 300));
        writer.writeUpload("team/app", "abandoned-1", new byte[] {1, 2, 3}, Instant.EPOCH);
        for (ObjectInfo info : source.list("").toList()) {
            if (!info.key().contains("/_uploads/")) {
                destination.write(info.key(), source.readAllBytes(info.key()));
            }
        }
    }

    DestinationVerification.Verdict verify() throws Exception {
        return new ExactCopyVerification().verify(source, destination, events);
    }

    @Test
    void anExactCopyIgnoringUploads() throws Exception {
        DestinationVerification.Verdict verdict = verify();
        assertThat(verdict.exactCopy()).isTrue();
        assertThat(verdict.differenceCount()).isZero();
        assertThat(verdict.objectsCompared()).isEqualTo(destination.list("").toList().size());
        assertThat(events.infos).anyMatch(l -> l.contains("exact copy"));
    }

    @Test
    void aMissingBlobAnExtraObjectAndADifferentSize() throws Exception {
        destination.delete(RegistryLayout.blobData(v1.manifest()));
        destination.write(RegistryLayout.ROOT + "blobs/zz-extra", new byte[] {1});
        String layer = RegistryLayout.blobData(v2.blobs().iterator().next());
        destination.write(layer, new byte[] {9, 9});
        DestinationVerification.Verdict verdict = verify();
        assertThat(verdict.exactCopy()).isFalse();
        assertThat(verdict.differenceCount()).isEqualTo(3);
        assertThat(verdict.differences()).anyMatch(d -> d.equals(RegistryLayout.blobData(v1.manifest()) + " is missing in the destination"))
                .anyMatch(d -> d.endsWith("blobs/zz-extra is only in the destination"))
                .anyMatch(d -> d.startsWith(layer + " has 2 bytes in the destination"));
        assertThat(verdict.summary()).startsWith("not an exact copy: 3 difference(s)");
    }

    @Test
    void aMovedTagIsCaughtThoughItsLinkHasTheSameSize() throws Exception {
        String current = RegistryLayout.tagCurrentLink("team/app", "v1");
        destination.write(current, RegistryLayout.linkContent(v2.manifest()));
        DestinationVerification.Verdict verdict = verify();
        assertThat(verdict.exactCopy()).isFalse();
        assertThat(verdict.differences()).containsExactly(current + " points elsewhere in the destination (" + v2.manifest() + ")");
    }
}
