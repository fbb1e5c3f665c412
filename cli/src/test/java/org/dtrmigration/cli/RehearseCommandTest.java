package org.dtrmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job: whole procedures against the embedded environment, judged by their own guards. */
class RehearseCommandTest {

    @TempDir
    Path dir;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(String... args) {
        return Main.commandLine(Map.of("PATH", System.getenv("PATH")), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void bestPracticeOntoS3PassesAndCollectsOnlyTheDanglingBlobs() {
        assertThat(run("rehearse", "--work", dir.toString())).as(out + "\n" + err).isZero();
        String o = out.toString();
        assertThat(o).contains("Rehearsal PASSED: best_practice onto s3")
                .contains("destroy + restore onto new storage")
                .contains("tag check PASSED: 24 tag(s)")
                .contains("verified: the destination is an exact copy")
                .contains("danglingBlobsPlanted: 4").contains("blobsCollected: 4")
                .contains("read-only window");
        assertThat(o).containsPattern("tag check after GC\\s+\\d+s\\s+result=tag check PASSED");
    }

    @Test
    void shortestWindowKeepsImagesPushedBetweenBulkAndDeltaCopies() {
        assertThat(run("rehearse", "--procedure", "shortest_window", "--target", "filesystem", "--work", dir.toString()))
                .as(out + "\n" + err).isZero();
        String o = out.toString();
        assertThat(o).contains("Rehearsal PASSED: shortest_window onto filesystem")
                .containsPattern("delta copy \\(--delete\\)\\s+\\d+s\\s+result=copied [1-9]\\d* objects")
                .contains("tag check PASSED: 26 tag(s)");
    }

    @Test
    void badScaleIsAUsageError() {
        assertThat(run("rehearse", "--scale", "0")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--scale: expected 1..1000");
    }
}
