package org.dtrmigration.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DtrVersionTest {

    @Test
    void parsesAndOrders() {
        assertThat(DtrVersion.parse("2.6.4").atLeast(2, 6, 4)).isTrue();
        assertThat(DtrVersion.parse("2.6.3").atLeast(2, 6, 4)).isFalse();
        assertThat(DtrVersion.parse("v2.7.10-beta1")).isGreaterThan(DtrVersion.parse("2.7.9"));
        assertThat(DtrVersion.parse("2.9").patch()).isZero();
    }

    @Test
    void twoEightAndLaterAreMsr() {
        assertThat(DtrVersion.parse("2.7.18").product()).isEqualTo(DtrVersion.Product.DTR);
        assertThat(DtrVersion.parse("2.8.0").product()).isEqualTo(DtrVersion.Product.MSR);
        assertThat(DtrVersion.parse("2.9.4").product().bootstrapperRepository()).isEqualTo("mirantis/dtr");
        assertThat(DtrVersion.parse("2.5.3").product().bootstrapperRepository()).isEqualTo("docker/dtr");
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> DtrVersion.parse("latest")).hasMessageContaining("'latest' is not a DTR/MSR version");
    }
}
