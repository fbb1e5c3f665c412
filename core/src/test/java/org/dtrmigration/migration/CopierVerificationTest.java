package org.dtrmigration.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.dtrmigration.copy.VerifyOptions;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeWriter;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopierVerificationTest {

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
        return new CopierVerification(VerifyOptions.defaults()).verify(source, destination, events);
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
        String manifest = RegistryLayout.blobData(v1.manifest());
        destination.delete(manifest);
        destination.write(RegistryLayout.ROOT + "blobs/zz-extra", new byte[] {1});
        String layer = RegistryLayout.blobData(v2.blobs().iterator().next());
        destination.write(layer, new byte[] {9, 9});
        DestinationVerification.Verdict verdict = verify();
        assertThat(verdict.exactCopy()).isFalse();
        // The three differences, and the three links of tag v1 that now point at a manifest the destination lacks.
        assertThat(verdict.differenceCount()).isEqualTo(6);
        assertThat(verdict.differences())
                .contains("MISSING " + manifest + ": not in the destination (" + source.stat(manifest).orElseThrow().size() + " bytes)")
                .contains("EXTRA " + RegistryLayout.ROOT + "blobs/zz-extra: in the destination only (1 bytes)")
                .anyMatch(d -> d.startsWith("SIZE_MISMATCH " + layer + ": source ") && d.endsWith("destination 2 bytes"))
                .anyMatch(d -> d.startsWith("DANGLING_LINK " + RegistryLayout.tagCurrentLink("team/app", "v1") + ": points at manifest "
                        + v1.manifest()));
        assertThat(verdict.summary()).startsWith("not an exact copy: 6 difference(s)");
    }

    @Test
    void aMovedTagIsCaughtThoughItsLinkHasTheSameSize() throws Exception {
        String current = RegistryLayout.tagCurrentLink("team/app", "v1");
        destination.write(current, RegistryLayout.linkContent(v2.manifest()));
        DestinationVerification.Verdict verdict = verify();
        assertThat(verdict.exactCopy()).isFalse();
        assertThat(verdict.differences()).containsExactly("CONTENT_MISMATCH " + current + ": the tag points at another manifest in the destination");
    }

    @Test
    void linksThatDangleInTheSourceTooAreAnExactCopy() throws Exception {
        // Garbage collection leaves such links behind in real registries; a copy that has them too is exact.
        String layer = RegistryLayout.blobData(v2.blobs().iterator().next());
        source.delete(layer);
        destination.delete(layer);
        DestinationVerification.Verdict verdict = verify();
        assertThat(verdict.exactCopy()).isTrue();
        assertThat(events.infos).anyMatch(l -> l.contains("point at blobs missing in the source too"));
    }

    @Test
    void neitherSideIsWritten() throws Exception {
        java.util.List<ObjectInfo> before = source.list("").toList();
        destination.write(RegistryLayout.ROOT + "blobs/zz-extra", new byte[] {1});
        java.util.List<ObjectInfo> destinationBefore = destination.list("").toList();
        verify();
        assertThat(source.list("").toList()).isEqualTo(before);
        assertThat(destination.list("").toList()).isEqualTo(destinationBefore);
    }
}
