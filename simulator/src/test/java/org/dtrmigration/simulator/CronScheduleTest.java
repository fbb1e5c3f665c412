package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.dtrmigration.simulator.crons.CronSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

    static Instant next(String spec, String after) {
        return CronSchedule.parse(spec).next(Instant.parse(after));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // 2024-03-01 is a Friday; "0 0 1 * * 6" is Saturdays 01:00:00 UTC
        "0 0 1 * * 6        | 2024-03-01T10:00:00Z | 2024-03-02T01:00:00Z",
        "0 0 1 * * 6        | 2024-03-02T01:00:00Z | 2024-03-09T01:00:00Z",
        "0 0 1 * * SAT      | 2024-03-01T10:00:00Z | 2024-03-02T01:00:00Z",
        "*/15 * * * * *     | 2024-03-01T10:00:07Z | 2024-03-01T10:00:15Z",
        "30 */10 * * * *    | 2024-03-01T10:05:00Z | 2024-03-01T10:10:30Z",
        "0 0 0 1 * *        | 2024-01-31T12:00:00Z | 2024-02-01T00:00:00Z",
        "0 0 0 29 2 *       | 2023-03-01T00:00:00Z | 2024-02-29T00:00:00Z",
        "0 0 12 * JAN-MAR * | 2024-04-01T00:00:00Z | 2025-01-01T12:00:00Z",
        "0 0 0 1,15 * *     | 2024-03-02T00:00:00Z | 2024-03-15T00:00:00Z",
        "0 0 0 13 * 5       | 2024-03-02T00:00:00Z | 2024-03-08T00:00:00Z", // dom OR dow when neither is '*'
        "0 0 0 ? * 1        | 2024-03-01T10:00:00Z | 2024-03-04T00:00:00Z",
        "0 0 1 * *          | 2024-03-01T10:00:00Z | 2024-03-02T01:00:00Z", // five fields: no day-of-week
        "@hourly            | 2024-03-01T10:20:00Z | 2024-03-01T11:00:00Z",
        "@daily             | 2024-03-01T10:20:00Z | 2024-03-02T00:00:00Z",
        "@weekly            | 2024-03-01T10:20:00Z | 2024-03-03T00:00:00Z",
        "@monthly           | 2024-03-01T10:20:00Z | 2024-04-01T00:00:00Z",
        "@yearly            | 2024-03-01T10:20:00Z | 2025-01-01T00:00:00Z",
        "@every 30m         | 2024-03-01T10:20:00.500Z | 2024-03-01T10:50:00Z",
        "@every 1h30m       | 2024-03-01T10:00:00Z | 2024-03-01T11:30:00Z",
    })
    void computesTheNextActivation(String spec, String after, String expected) {
        assertThat(next(spec.trim(), after.trim())).isEqualTo(Instant.parse(expected.trim()));
    }

    @Test
    void scheduleThatNeverFiresHasNoNextRun() {
        assertThat(next("0 0 0 30 2 *", "2024-01-01T00:00:00Z")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "* * * *", "* * * * * * *", "60 * * * * *", "* * 24 * * *", "* * * 0 * *",
        "* * * * 13 *", "* * * * * 7", "a * * * * *", "5-1 * * * * *", "*/0 * * * * *", "@sometimes", "@every", "@every 10",
        "@every 0s"})
    void rejectsWhatRobfigCronRejects(String spec) {
        assertThatThrownBy(() -> CronSchedule.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }
}
