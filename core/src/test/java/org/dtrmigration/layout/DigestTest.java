package org.dtrmigration.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void computesSha256OfContent() {
        assertThat(Digest.of(new byte[0])).hasToString("sha256:" + EMPTY_SHA256);
        assertThat(Digest.of("abc".getBytes(StandardCharsets.US_ASCII)).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void parsesAndPrintsTheSameText() {
        Digest d = Digest.parse("sha256:" + EMPTY_SHA256);
        assertThat(d.algorithm()).isEqualTo("sha256");
        assertThat(d.hex()).isEqualTo(EMPTY_SHA256);
        assertThat(d).hasToString("sha256:" + EMPTY_SHA256).isEqualTo(Digest.sha256(EMPTY_SHA256));
    }

    @Test
    void acceptsSha512() {
        String hex = "a".repeat(128);
        assertThat(Digest.parse("sha512:" + hex).algorithm()).isEqualTo("sha512");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "sha256",
        "sha256:",
        ":" + EMPTY_SHA256,
        EMPTY_SHA256,
        "SHA256:" + EMPTY_SHA256,
        "sha256:" + "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:" + EMPTY_SHA256 + "\n",
        " sha256:" + EMPTY_SHA256,
        "sha256:" + EMPTY_SHA256 + "0",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha512:" + EMPTY_SHA256,
        "sha256:sha256:" + EMPTY_SHA256,
    })
    void rejectsAnythingNotStrictlyADigest(String text) {
        assertThat(Digest.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> Digest.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorValidatesToo() {
        assertThatThrownBy(() -> new Digest("sha256", "abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Digest("crc32", EMPTY_SHA256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersByAlgorithmThenHex() {
        Digest a = Digest.sha256("0".repeat(64));
        Digest b = Digest.sha256("f".repeat(64));
        Digest c = new Digest("sha512", "0".repeat(128));
        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
    }
}
