package org.dtrmigration.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.dtrmigration.registry.Cron;
import org.dtrmigration.registry.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcScheduleFileTest {

    @TempDir
    Path dir;
    RecordingSink events = new RecordingSink();

    static Cron cron(String json) throws Exception {
        return Cron.fromJson((ObjectNode) new ObjectMapper().readTree(json));
    }

    GcSchedule schedule(List<Cron> crons) {
        return new GcSchedule("https://dtr.example.com", Instant.parse("2026-11-21T10:00:00Z"), crons, List.of("job1"));
    }

    @Test
    void roundTripsEveryFieldOfTheCrons() throws Exception {
        Cron gc = cron("{\"id\":\"c1\",\"action\":\"onlinegc\",\"schedule\":\"0 0 1 * * 6\",\"retries\":2,"
                + "\"capacityMap\":{\"onlinegc\":1},\"parameters\":{},\"deadline\":\"4h\",\"stopTimeout\":\"5m\","
                + "\"nextRun\":\"2026-11-28T01:00:00Z\",\"futureField\":[1,2]}");
        Path file = dir.resolve("gc.json");
        GcScheduleFile.save(file, schedule(List.of(gc)), events);
        GcSchedule read = GcScheduleFile.read(file);
        assertThat(read.crons()).hasSize(1);
        assertThat(read.crons().get(0).json()).isEqualTo(gc.json());
        assertThat(read.crons().get(0).createBody().has("id")).isFalse();
        assertThat(read.crons().get(0).createBody().has("nextRun")).isFalse();
        assertThat(read.crons().get(0).createBody().get("futureField")).isNotNull();
        assertThat(read.canceledJobs()).containsExactly("job1");
    }

    @Test
    void aSecondDisableDoesNotOverwriteTheSavedScheduleWithNothing() throws Exception {
        Path file = dir.resolve("gc.json");
        GcScheduleFile.save(file, schedule(List.of(cron("{\"action\":\"onlinegc\",\"schedule\":\"@daily\"}"))), events);
        GcSchedule kept = GcScheduleFile.save(file, schedule(List.of()), events);
        assertThat(kept.actions()).containsExactly("onlinegc");
        assertThat(GcScheduleFile.read(file).actions()).containsExactly("onlinegc");
        assertThat(events.text()).contains("keeping that file");
    }

    @Test
    void refusesFilesItDidNotWrite() throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"hello\":1}");
        assertThatThrownBy(() -> GcScheduleFile.read(file)).hasMessageContaining("not a GC schedule file");
        assertThatThrownBy(() -> GcScheduleFile.save(file, schedule(List.of()), events)).hasMessageContaining("not a GC schedule file");
        assertThat(Files.readString(file)).isEqualTo("{\"hello\":1}");
        assertThatThrownBy(() -> GcScheduleFile.read(dir.resolve("missing.json"))).hasMessageContaining("no such GC schedule file");
    }

    @Test
    void refusesNonGcCronsInTheFile() throws Exception {
        Path file = dir.resolve("gc.json");
        Files.writeString(file, "{\"format\":1,\"dtrUrl\":\"x\",\"savedAt\":\"2026-01-01T00:00:00Z\",\"crons\":[{\"action\":\"poll_mirror\"}]}");
        assertThatThrownBy(() -> GcScheduleFile.read(file)).hasMessageContaining("'poll_mirror' is not a GC cron");
    }
}
