package org.dtrmigration.bootstrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dtrmigration.registry.DtrVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootstrapperImageTest {

    @Test
    void parsesProductImagesAndMirrors() {
        BootstrapperImage dtr = BootstrapperImage.parse("docker/dtr:2.7.5", "image");
        assertThat(dtr.repository()).isEqualTo("docker/dtr");
        assertThat(dtr.versionText()).isEqualTo("2.7.5");
        assertThat(dtr.line()).isEqualTo(VersionLine.DTR_2_6_4_TO_2_7);
        BootstrapperImage mirror = BootstrapperImage.parse(" registry.example.com:5000/mirror/mirantis/dtr:2.9.4 ", "image");
        assertThat(mirror.reference()).isEqualTo("registry.example.com:5000/mirror/mirantis/dtr:2.9.4");
        assertThat(mirror.line()).isEqualTo(VersionLine.MSR_2_9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker/dtr", "docker/dtr:latest", "docker/dtr:2.7", "nginx:1.25.3", "docker/dtr:2.7.5@sha256:abc"})
    void refusesImagesWithoutAnExactVersion(String text) {
        assertThatThrownBy(() -> BootstrapperImage.parse(text, "image"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("image: ")
                .hasMessageContaining("exact version");
    }

    @Test
    void refusesVersionsOutsideTheSupportedLines() {
        assertThatThrownBy(() -> BootstrapperImage.parse("mirantis/dtr:3.1.0", "--image"))
                .hasMessageStartingWith("--image: version 3.1.0 is not supported");
    }

    @Test
    void theProductImageForAVersion() {
        assertThat(BootstrapperImage.forVersion(DtrVersion.parse("2.7.5")).reference()).isEqualTo("docker/dtr:2.7.5");
        assertThat(BootstrapperImage.forVersion(DtrVersion.parse("2.9.4")).reference()).isEqualTo("mirantis/dtr:2.9.4");
    }
}
