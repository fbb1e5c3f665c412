package org.dtrmigration.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.dtrmigration.registry.FakeClock;
import org.dtrmigration.registry.RecordingSink;
import org.junit.jupiter.api.Test;

class StageLogTest {

    @Test
    void timesStagesAndSeparatesTheReadOnlyWindow() throws Exception {
        FakeClock clock = new FakeClock();
        RecordingSink events = new RecordingSink();
        StageLog log = new StageLog(events, clock);
        log.run("bulk copy", () -> {
            clock.sleep(Duration.ofMinutes(10));
            return Map.of("objects", 15000);
        });
        log.readOnlyWindow(true);
        log.run("delta copy", () -> {
            clock.sleep(Duration.ofSeconds(4));
            return Map.of("objects", 12);
        });
        log.readOnlyWindow(false);
        assertThat(log.total()).isEqualTo(Duration.ofSeconds(604));
        assertThat(log.readOnlyWindowTotal()).isEqualTo(Duration.ofSeconds(4));
        assertThat(log.report()).contains("bulk copy").contains("objects=15000").contains("read-only window").contains("4s");
        assertThat(events.text()).contains("=== 2. delta copy  [read-only window]");
    }

    @Test
    void aFailingStageIsRecordedAndStopsTheRun() {
        StageLog log = new StageLog(new RecordingSink(), new FakeClock());
        assertThatThrownBy(() -> log.run("restore", () -> {
            throw new IllegalStateException("backup checksum mismatch");
        })).hasMessage("backup checksum mismatch");
        assertThat(log.stages()).singleElement().satisfies(s -> assertThat(s.failed()).isTrue());
        assertThat(log.report()).contains("restore").contains("FAILED");
    }
}
