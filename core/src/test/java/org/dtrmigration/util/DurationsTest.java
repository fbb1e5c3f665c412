package org.dtrmigration.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesUnitsAndIso() {
        assertThat(Durations.parse("timeout", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("timeout", "30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("timeout", "2H")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("timeout", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("timeout", "PT45M")).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void errorsNameTheParameter() {
        assertThatThrownBy(() -> Durations.parse("timeout", "soon")).hasMessage("timeout: 'soon' is not a duration like 90s, 30m, 2h or PT30M");
        assertThatThrownBy(() -> Durations.parse("timeout", "0m")).hasMessage("timeout: '0m' must be a positive duration");
        assertThatThrownBy(() -> Durations.parse("timeout", "")).hasMessageStartingWith("timeout: required");
    }

    @Test
    void human() {
        assertThat(Durations.human(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(Durations.human(Duration.ofSeconds(125))).isEqualTo("2m 05s");
        assertThat(Durations.human(Duration.ofSeconds(3723))).isEqualTo("1h 02m 03s");
    }
}
