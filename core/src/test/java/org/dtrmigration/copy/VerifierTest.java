package org.dtrmigration.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.GeneratedTree;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.registry.RecordingSink;
import org.dtrmigration.storage.FilesystemStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What verification finds after a copy is damaged in each way it can be. */
class VerifierTest {

    @TempDir
    Path tmp;
    FilesystemStore source;
    FilesystemStore destination;
    RecordingSink events = new RecordingSink();
    GeneratedTree tree;
    List<Difference> streamed = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        source = new FilesystemStore(Files.createDirectories(tmp.resolve("source")));
        destination = new FilesystemStore(Files.createDirectories(tmp.resolve("destination")));
        tree = Trees.generate(source, TreeSpec.small(7).withRepositories(3));
        CopyResult copied = new Copier(CopyOptions.defaults(), events, CopierTest.FAST).copy(source, destination);
        assertThat(copied.complete()).isTrue();
    }

    VerifyReport verify(boolean deep) throws IOException {
        streamed.clear();
        return new Verifier(VerifyOptions.defaults().withDeep(deep), events, CopierTest.FAST).verify(source, destination, streamed::add);
    }

    @Test
    void anExactCopyIsClean() throws IOException {
        VerifyReport report = verify(true);
        assertThat(report.clean()).isTrue();
        assertThat(report.sourceObjects()).isEqualTo(report.destinationObjects()).isEqualTo(Trees.snapshot(source).size());
        assertThat(report.deepChecked()).isEqualTo(tree.blobs().size());
        assertThat(events.text()).contains("verified: the destination is an exact copy");
    }

    @Test
    void findsMissingExtraResizedAndMovedObjects() throws IOException {
        WrittenImage image = tree.images().get(0);
        String missing = RegistryLayout.revisionLink(image.repository(), image.manifest());
        destination.delete(missing);
        String extra = RegistryLayout.tagCurrentLink(image.repository(), "only-here");
        destination.write(extra, RegistryLayout.linkContent(image.manifest()));
        String resized = RegistryLayout.blobData(image.manifest());
        destination.write(resized, new byte[] {'{', '}'});
        String tag = RegistryLayout.tagCurrentLink(tree.images().get(1).repository(), tree.images().get(1).tag());
        Digest other = tree.images().get(2).manifest();
        destination.write(tag, RegistryLayout.linkContent(other)); // same 71 bytes, another manifest

        VerifyReport report = verify(false);

        assertThat(report.clean()).isFalse();
        assertThat(report.differences()).extracting(Difference::kind, Difference::key).contains(
                org.assertj.core.groups.Tuple.tuple(Difference.Kind.MISSING, missing),
                org.assertj.core.groups.Tuple.tuple(Difference.Kind.EXTRA, extra),
                org.assertj.core.groups.Tuple.tuple(Difference.Kind.SIZE_MISMATCH, resized),
                org.assertj.core.groups.Tuple.tuple(Difference.Kind.CONTENT_MISMATCH, tag));
        assertThat(streamed).hasSize((int) report.differenceCount());
        assertThat(report.summary()).contains("NOT an exact copy", "missing 1", "extra 1", "size mismatch 1", "content mismatch 1");
    }

    @Test
    void onlyADeepCheckFindsAFlippedByteInABlob() throws IOException {
        String blob = RegistryLayout.blobData(tree.images().get(0).blobs().iterator().next());
        Trees.flipByte(destination, blob);

        assertThat(verify(false).clean()).as("same key, same size").isTrue();
        VerifyReport deep = verify(true);
        assertThat(deep.clean()).isFalse();
        assertThat(deep.differences()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Difference.Kind.CONTENT_MISMATCH);
            assertThat(d.key()).isEqualTo(blob);
            assertThat(d.detail()).contains("corrupt", "hashes to");
        });
    }

    @Test
    void findsTagsWhoseManifestOrLayersAreMissing() throws IOException {
        WrittenImage image = tree.images().get(3);
        // The last layer is this image's own (the first comes from a shared pool), so no other tag dangles.
        List<Digest> layers = new org.dtrmigration.layout.RegistryTreeReader(source).manifest(image.manifest()).layers();
        Digest layer = layers.get(layers.size() - 1);
        destination.delete(RegistryLayout.blobData(layer));

        VerifyReport report = verify(false);

        assertThat(report.count(Difference.Kind.MISSING)).isEqualTo(1);
        assertThat(report.differences()).filteredOn(d -> d.kind() == Difference.Kind.DANGLING_LINK).extracting(Difference::key)
                .contains(RegistryLayout.layerLink(image.repository(), layer), RegistryLayout.tagCurrentLink(image.repository(), image.tag()));
        assertThat(report.differences()).filteredOn(d -> d.key().endsWith("/current/link")).singleElement()
                .satisfies(d -> assertThat(d.detail()).contains("layer (of manifest " + image.manifest() + ")", layer.toString()));
    }

    @Test
    void linksDanglingInTheSourceToo() throws IOException {
        Digest nowhere = Digest.of("never pushed".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String link = RegistryLayout.layerLink(TreeGenerator.repositoryName(0), nowhere);
        source.write(link, RegistryLayout.linkContent(nowhere));
        destination.write(link, RegistryLayout.linkContent(nowhere));

        VerifyReport report = verify(false);

        assertThat(report.clean()).as("an exact copy of a source with a dangling link").isTrue();
        assertThat(report.danglingInSource()).isEqualTo(1);
        assertThat(report.summary()).contains("missing in the source too");
    }

    @Test
    void verificationWritesNothing() throws IOException {
        FaultyStore watchedSource = new FaultyStore(source);
        FaultyStore watchedDestination = new FaultyStore(destination);
        destination.write(RegistryLayout.tagCurrentLink("x/y", "extra"), RegistryLayout.linkContent(tree.images().get(0).manifest()));
        new Verifier(VerifyOptions.defaults().withDeep(true), events, CopierTest.FAST).verify(watchedSource, watchedDestination, null);
        assertThat(watchedSource.writes).isEmpty();
        assertThat(watchedDestination.writes).isEmpty();
        assertThat(watchedDestination.deletes).isEmpty();
    }
}
