package org.dtrmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dtrmigration.storage.emulator.Azurite;
import org.dtrmigration.testing.AzuriteServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The main job: whole procedures against the embedded environment, judged by the tool's own guards
 * and by the end state as the simulator sees it (the rehearsal's last stage), across the storage
 * combinations: filesystem, the in-process S3 server and Azurite, as old and as new storage.
 */
class RehearseCommandTest {

    @TempDir
    Path dir;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv("PATH")));

    int run(String... args) {
        return Main.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    String output() {
        return out + "\n" + err;
    }

    @Test
    void bestPracticeOntoS3PassesAndCollectsOnlyTheDanglingBlobs() {
        assertThat(run("rehearse", "--work", dir.toString())).as(output()).isZero();
        String o = out.toString();
        assertThat(o).contains("Rehearsal PASSED: best_practice from filesystem onto s3")
                .contains("destroy + restore onto new storage")
                .contains("tag check PASSED: 24 tag(s)")
                .contains("verified: the destination is an exact copy")
                .contains("danglingBlobsPlanted: 4").contains("blobsCollected: 4")
                .contains("read-only window");
        assertThat(o).containsPattern("tag check after GC\\s+\\d+s\\s+result=tag check PASSED");
        assertEndState(24);
    }

    @Test
    void shortestWindowKeepsImagesPushedBetweenBulkAndDeltaCopies() {
        assertThat(run("rehearse", "--procedure", "shortest_window", "--target", "filesystem", "--work", dir.toString()))
                .as(output()).isZero();
        String o = out.toString();
        assertThat(o).contains("Rehearsal PASSED: shortest_window from filesystem onto filesystem")
                .containsPattern("delta copy \\(--delete\\)\\s+\\d+s\\s+result=copied [1-9]\\d* objects")
                .contains("tag check PASSED: 26 tag(s)");
        assertEndState(26);
    }

    /**
     * Azurite as new (and once as old) storage: every procedure, DTR and MSR, through the CLI. The
     * rehearsal starts Azurite itself (found above the working directory, as the build installs it) and
     * must stop it whatever happens.
     */
    @ParameterizedTest(name = "{0} {1}: {2} -> {3}")
    @CsvSource({
            "best_practice,   DTR, s3,         azure",
            "read_only,       DTR, s3,         azure",
            "shortest_window, DTR, s3,         azure",
            "best_practice,   MSR, filesystem, azure",
            "read_only,       MSR, azure,      s3",
            "shortest_window, MSR, s3,         azure"})
    void everyProcedureRunsWithAzurite(String procedure, String product, String source, String target) {
        assumeAzurite();
        int code = run("rehearse", "--procedure", procedure, "--product", product, "--source", source, "--target", target,
                "--work", dir.toString());
        assertThat(code).as(output()).isZero();
        int tags = procedure.equals("shortest_window") ? 26 : 24;
        assertThat(out.toString()).contains("Rehearsal PASSED: " + procedure + " from " + source + " onto " + target)
                .contains("source=" + scheme(source)).contains("destination=" + scheme(target))
                .contains("verified: the destination is an exact copy")
                .contains("tag check PASSED: " + tags + " tag(s)")
                .containsPattern("tag check after GC\\s+\\d+s\\s+result=tag check PASSED")
                .contains("danglingBlobsPlanted: 4").contains("blobsCollected: 4");
        assertEndState(tags);
        assertThat(output()).doesNotContain(Azurite.ACCOUNT_KEY);
        assertThat(azuriteProcesses()).as("Azurite stopped").isEmpty();
    }

    @Test
    void azuriteIsStoppedWhenTheRehearsalFails() {
        assumeAzurite();
        // Azurite starts before the simulator, which refuses a version it does not know.
        int code = run("rehearse", "--target", "azure", "--version", "1.0.0", "--work", dir.toString());
        assertThat(code).as(output()).isNotZero();
        assertThat(out.toString()).contains("Rehearsal FAILED");
        assertThat(azuriteProcesses()).as("Azurite stopped").isEmpty();
    }

    @Test
    void azureWithoutAzuriteIsAUsageErrorNamingTheInstallCommand() throws Exception {
        assertThat(run("rehearse", "--target", "azure", "--azurite", dir.resolve("missing").toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--azurite: not an executable file");

        err.getBuffer().setLength(0);
        env.put(RehearseCommand.AZURITE_VARIABLE, dir.resolve("missing").toString());
        assertThat(run("rehearse", "--source", "azure")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains(RehearseCommand.AZURITE_VARIABLE + ": not an executable file");

        // Nowhere to be found: not named, not installed above the search roots, not on PATH.
        err.getBuffer().setLength(0);
        env.remove(RehearseCommand.AZURITE_VARIABLE);
        env.put("PATH", Files.createDirectories(dir.resolve("empty-bin")).toString());
        var cl = Main.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true));
        ((RehearseCommand) cl.getSubcommands().get("rehearse").getCommand()).azuriteSearchRoots = List.of(dir);
        assertThat(cl.execute("rehearse", "--target", "azure", "--work", dir.resolve("work").toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--target azure: Azurite (the Azure Storage emulator) is not installed: run '"
                + Azurite.INSTALL_COMMAND + "' in the repository root").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("work")).as("nothing started, nothing written").doesNotExist();
    }

    @Test
    void badScaleIsAUsageError() {
        assertThat(run("rehearse", "--scale", "0")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--scale: expected 1..1000");
    }

    /** The rehearsal's own end-state stage passed with these figures (every tag as written, garbage gone, crons back). */
    private void assertEndState(int tags) {
        String line = out.toString().lines().filter(l -> l.strip().startsWith("check end state (simulator's view)")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no end-state stage in\n" + out));
        assertThat(line).doesNotContain("FAILED").contains("tags=" + tags).contains("garbageCollected=4").contains("readOnly=false")
                .contains("crons=[onlinegc (0 0 1 * * 6), poll_mirror (0 */15 * * * *)]");
    }

    private static String scheme(String backend) {
        return switch (backend) {
            case "s3" -> "s3://";
            case "azure" -> "azure://";
            default -> "file:/";
        };
    }

    private static void assumeAzurite() {
        if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
            assumeTrue(AzuriteServer.findExecutable().isPresent(), "Azurite is not installed: run '" + Azurite.INSTALL_COMMAND + "'");
        }
    }

    /** Azurite processes this JVM started and that still run. */
    private static List<ProcessHandle> azuriteProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("azurite"))
                .filter(ProcessHandle::isAlive)
                .toList();
    }
}
