package org.dtrmigration.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.dtrmigration.layout.RegistryKey.BlobData;
import org.dtrmigration.layout.RegistryKey.LayerLink;
import org.dtrmigration.layout.RegistryKey.Other;
import org.dtrmigration.layout.RegistryKey.RevisionLink;
import org.dtrmigration.layout.RegistryKey.TagCurrentLink;
import org.dtrmigration.layout.RegistryKey.TagIndexLink;
import org.dtrmigration.layout.RegistryKey.Upload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryLayoutTest {
    static final String HEX = "ab" + "0123456789abcdef".repeat(3) + "0123456789abcd";
    static final Digest D = Digest.sha256(HEX);
    static final String R = "docker/registry/v2/repositories/";

    @Test
    void buildsTheKeysDistributionWrites() {
        assertThat(RegistryLayout.blobData(D)).isEqualTo("docker/registry/v2/blobs/sha256/ab/" + HEX + "/data");
        assertThat(RegistryLayout.layerLink("team/app", D)).isEqualTo(R + "team/app/_layers/sha256/" + HEX + "/link");
        assertThat(RegistryLayout.revisionLink("team/app", D))
                .isEqualTo(R + "team/app/_manifests/revisions/sha256/" + HEX + "/link");
        assertThat(RegistryLayout.tagCurrentLink("team/app", "v1.0")).isEqualTo(R + "team/app/_manifests/tags/v1.0/current/link");
        assertThat(RegistryLayout.tagIndexLink("team/app", "v1.0", D))
                .isEqualTo(R + "team/app/_manifests/tags/v1.0/index/sha256/" + HEX + "/link");
        assertThat(RegistryLayout.upload("team/app", "u-1", "data")).isEqualTo(R + "team/app/_uploads/u-1/data");
        assertThat(RegistryLayout.tagsPrefix("a/b/c")).isEqualTo(R + "a/b/c/_manifests/tags/");
    }

    @Test
    void buildersRejectInvalidNames() {
        assertThatThrownBy(() -> RegistryLayout.layerLink("Team/App", D)).hasMessageContaining("repository name");
        assertThatThrownBy(() -> RegistryLayout.tagCurrentLink("team/app", ".hidden")).hasMessageContaining("tag name");
    }

    @Test
    void linkFilesAreTheBareDigest() {
        byte[] link = RegistryLayout.linkContent(D);
        assertThat(link).hasSize(RegistryLayout.SHA256_LINK_LENGTH).hasSize(71);
        assertThat(new String(link, StandardCharsets.US_ASCII)).isEqualTo("sha256:" + HEX);
        assertThat(RegistryLayout.parseLink(link)).isEqualTo(D);
        assertThatThrownBy(() -> RegistryLayout.parseLink(("sha256:" + HEX + "\n").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistryLayout.parseLink(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> typedKeys() {
        return Stream.of(
                Arguments.of("docker/registry/v2/blobs/sha256/ab/" + HEX + "/data", new BlobData(D)),
                Arguments.of(R + "app/_layers/sha256/" + HEX + "/link", new LayerLink("app", D)),
                Arguments.of(R + "team/app/_layers/sha256/" + HEX + "/link", new LayerLink("team/app", D)),
                Arguments.of(R + "a/b/c/d/_layers/sha256/" + HEX + "/link", new LayerLink("a/b/c/d", D)),
                Arguments.of(R + "team/app/_manifests/revisions/sha256/" + HEX + "/link", new RevisionLink("team/app", D)),
                Arguments.of(R + "team/app/_manifests/tags/latest/current/link", new TagCurrentLink("team/app", "latest")),
                Arguments.of(R + "team/app/_manifests/tags/V_1.2-rc.3/current/link", new TagCurrentLink("team/app", "V_1.2-rc.3")),
                Arguments.of(R + "team/app/_manifests/tags/_x/current/link", new TagCurrentLink("team/app", "_x")),
                Arguments.of(R + "team/app/_manifests/tags/current/current/link", new TagCurrentLink("team/app", "current")),
                Arguments.of(R + "team/app/_manifests/tags/index/current/link", new TagCurrentLink("team/app", "index")),
                Arguments.of(R + "team/app/_manifests/tags/v1/index/sha256/" + HEX + "/link", new TagIndexLink("team/app", "v1", D)),
                Arguments.of(R + "my_team/my__app/_uploads/6f1c-22/data", new Upload("my_team/my__app", "6f1c-22", "data")),
                Arguments.of(R + "x.y/a--b/_uploads/id/startedat", new Upload("x.y/a--b", "id", "startedat")),
                Arguments.of(R + "team/app/_uploads/id/hashstates/sha256/0", new Upload("team/app", "id", "hashstates/sha256/0")),
                Arguments.of(R + "team/_layers/_layers/sha256/" + HEX + "/link", null), // '_layers' cannot be a name component
                Arguments.of("docker/registry/v2/blobs/sha512/aa/" + "a".repeat(128) + "/data",
                        new BlobData(new Digest("sha512", "a".repeat(128)))));
    }

    @ParameterizedTest
    @MethodSource("typedKeys")
    void classifiesEveryKindOfKeyAndRebuildsIt(String key, RegistryKey expected) {
        RegistryKey actual = RegistryLayout.classify(key);
        if (expected == null) {
            assertThat(actual).isInstanceOf(Other.class);
            return;
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.key()).isEqualTo(key);
    }

    static Stream<String> otherKeys() {
        return Stream.of(
        "",
        "/",
        "docker",
        "docker/registry/v2/",
        "docker/registry/v2/blobs/",
        "docker/registry/v2/blobs/sha256/ab/" + HEX, // no /data
        "docker/registry/v2/blobs/sha256/ab/" + HEX + "/data/", // trailing slash
        "docker/registry/v2/blobs/sha256/ab/" + HEX + "/data.tmp",
        "docker/registry/v2/blobs/sha256/ac/" + HEX + "/data", // shard does not match the digest
        "docker/registry/v2/blobs/sha256/AB/" + "AB" + HEX.substring(2) + "/data", // uppercase
        "docker/registry/v2/blobs/sha256/ab/" + HEX.substring(1) + "/data", // short hex
        "docker/registry/v2/blobs/sha256/ab/" + HEX + "0/data", // long hex
        "docker/registry/v2/blobs/md5/ab/abcdef/data",
        "docker/registry/v2/blobs/sha256/ab//data",
        "/docker/registry/v2/blobs/sha256/ab/" + HEX + "/data", // legacy leading slash is the driver's job
        "prefix/docker/registry/v2/blobs/sha256/ab/" + HEX + "/data",
        "docker/registry/v2/repositories/",
        "docker/registry/v2/repositories/_layers/sha256/" + HEX + "/link", // empty repository name
        "docker/registry/v2/repositories//_layers/sha256/" + HEX + "/link",
        "docker/registry/v2/repositories/Team/app/_layers/sha256/" + HEX + "/link", // uppercase name
        "docker/registry/v2/repositories/-team/_layers/sha256/" + HEX + "/link",
        "docker/registry/v2/repositories/team-/_layers/sha256/" + HEX + "/link",
        "docker/registry/v2/repositories/a___b/_layers/sha256/" + HEX + "/link",
        "docker/registry/v2/repositories/a..b/_layers/sha256/" + HEX + "/link",
        "docker/registry/v2/repositories/a/../b/_layers/sha256/" + HEX + "/link",
        "docker/registry/v2/repositories/team/app/_layers/sha256/" + HEX, // no /link
        "docker/registry/v2/repositories/team/app/_layers/sha256/" + HEX + "/link/x",
        "docker/registry/v2/repositories/team/app/_layers/sha256/" + HEX + "/data",
        "docker/registry/v2/repositories/team/app/_layers/link",
        "docker/registry/v2/repositories/team/app/_manifests/revisions/sha256/" + HEX + "/signatures/sha256/" + HEX + "/link",
        "docker/registry/v2/repositories/team/app/_manifests/tags/v1/current",
        "docker/registry/v2/repositories/team/app/_manifests/tags/v1/current/link/",
        "docker/registry/v2/repositories/team/app/_manifests/tags/v1/current/data",
        "docker/registry/v2/repositories/team/app/_manifests/tags/.v1/current/link",
        "docker/registry/v2/repositories/team/app/_manifests/tags/-v1/current/link",
        "docker/registry/v2/repositories/team/app/_manifests/tags/v 1/current/link",
        "docker/registry/v2/repositories/team/app/_manifests/tags//current/link",
        "docker/registry/v2/repositories/team/app/_manifests/tags/v1/index/sha256/XYZ/link",
        "docker/registry/v2/repositories/team/app/_manifests/tags/v1/index/link",
        "docker/registry/v2/repositories/team/app/_manifests/tags/v1",
        "docker/registry/v2/repositories/team/app/_manifests/other/x",
        "docker/registry/v2/repositories/team/app/_uploads/",
        "docker/registry/v2/repositories/team/app/_uploads/id",
        "docker/registry/v2/repositories/team/app/_uploads/id/",
        "docker/registry/v2/repositories/team/app/_uploads//data",
        "docker/registry/v2/repositories/team/app/_uploads/id//data",
        "docker/registry/v2/repositories/team/app/_other/x",
        "docker/registry/v2/repositories/team/app/readme.txt",
        "docker/registry/v2/repositories/team/app/_layers",
        "notes/readme.md"
        );
    }

    @ParameterizedTest
    @MethodSource("otherKeys")
    void anythingElseIsOther(String key) {
        assertThat(RegistryLayout.classify(key)).isEqualTo(new Other(key));
    }

    @Test
    void tagNameLengthLimitIs128() {
        String longest = "t" + "a".repeat(127);
        assertThat(RegistryLayout.classify(R + "app/_manifests/tags/" + longest + "/current/link"))
                .isEqualTo(new TagCurrentLink("app", longest));
        assertThat(RegistryLayout.classify(R + "app/_manifests/tags/" + longest + "a/current/link")).isInstanceOf(Other.class);
    }

    @Test
    void repositoryNameLengthLimitIs255() {
        String longest = "a".repeat(127) + "/" + "b".repeat(127);
        assertThat(longest).hasSize(255);
        assertThat(RegistryLayout.isValidRepositoryName(longest)).isTrue();
        assertThat(RegistryLayout.isValidRepositoryName(longest + "b")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "a/b", "a/b/c/d/e", "my-app", "my--app", "my.app", "my_app", "my__app", "a1.b2_c3-d4"})
    void acceptsDistributionRepositoryNames(String name) {
        assertThat(RegistryLayout.isValidRepositoryName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "a/", "/a", "a//b", "_a", "a_", ".a", "a.", "-a", "a-", "a..b", "a._b", "a___b",
        "a_-b", "a b", "a/B", "ä", "a\\b", "a/_layers"})
    void rejectsOtherRepositoryNames(String name) {
        assertThat(RegistryLayout.isValidRepositoryName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v1", "V1.0", "_", "1", "a-b.c_d", "__x__"})
    void acceptsTagNames(String tag) {
        assertThat(RegistryLayout.isValidTagName(tag)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".x", "-x", "a/b", "a b", "a:b", "a+b", "ü"})
    void rejectsOtherTagNames(String tag) {
        assertThat(RegistryLayout.isValidTagName(tag)).isFalse();
    }

    @Test
    void kindsNameTheRecordType() {
        assertThat(new BlobData(D).kind()).isEqualTo(RegistryKey.Kind.BLOB_DATA);
        assertThat(new LayerLink("a", D).kind()).isEqualTo(RegistryKey.Kind.LAYER_LINK);
        assertThat(new RevisionLink("a", D).kind()).isEqualTo(RegistryKey.Kind.REVISION_LINK);
        assertThat(new TagCurrentLink("a", "t").kind()).isEqualTo(RegistryKey.Kind.TAG_CURRENT_LINK);
        assertThat(new TagIndexLink("a", "t", D).kind()).isEqualTo(RegistryKey.Kind.TAG_INDEX_LINK);
        assertThat(new Upload("a", "u", "data").kind()).isEqualTo(RegistryKey.Kind.UPLOAD);
        assertThat(new Other("x").kind()).isEqualTo(RegistryKey.Kind.OTHER);
    }

    @Test
    void linkKindsSayTheyAreLinks() {
        assertThat(new LayerLink("a", D).isLink()).isTrue();
        assertThat(new RevisionLink("a", D).isLink()).isTrue();
        assertThat(new TagCurrentLink("a", "t").isLink()).isTrue();
        assertThat(new TagIndexLink("a", "t", D).isLink()).isTrue();
        assertThat(new BlobData(D).isLink()).isFalse();
        assertThat(new Upload("a", "u", "data").isLink()).isFalse();
        assertThat(new Other("x").isLink()).isFalse();
    }

    @Test
    void pathologicalKeysClassifyQuickly() {
        String[] keys = {
            R + "a-".repeat(200_000) + "a/_layers/sha256/" + HEX + "/link",
            R + "a/".repeat(200_000) + "_layers/sha256/" + HEX + "/link",
            R + "a/_".repeat(200_000),
            R + "a/_manifests/tags/" + "x".repeat(400_000) + "/current/link",
            "docker/registry/v2/blobs/" + "/".repeat(400_000),
        };
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String key : keys) {
                assertThat(RegistryLayout.classify(key)).isInstanceOf(Other.class);
            }
        });
    }
}
