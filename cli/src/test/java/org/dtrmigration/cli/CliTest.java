package org.dtrmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.storage.FilesystemStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI commands against the simulator: exit codes, one-line errors, no token anywhere. */
class CliTest {

    static final String TOKEN = "cli-token-SECRET-4242";

    @TempDir
    Path dir;
    DtrSimulator sim;
    Map<String, String> env = new HashMap<>();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        sim = DtrSimulator.builder()
                .storage(new FilesystemStore(Files.createDirectories(dir.resolve("storage"))))
                .admin("admin", TOKEN)
                .readOnlyLag(Duration.ofMillis(200))
                .jobStartDelay(Duration.ofMillis(20))
                .jobStepDelay(Duration.ofMillis(5))
                .cron(CronSpec.onlineGcWeekly())
                .cron(CronSpec.of("poll_mirror", "0 */15 * * * *"))
                .cronScheduler(false)
                .start();
        env.put("DTR_USERNAME", "admin");
        env.put("DTR_TOKEN", TOKEN);
    }

    @AfterEach
    void tearDown() {
        sim.close();
        assertThat(out.toString()).doesNotContain(TOKEN);
        assertThat(err.toString()).doesNotContain(TOKEN);
    }

    int run(String... args) {
        return Main.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    String url() {
        return sim.url().toString();
    }

    @Test
    void readOnlyOnAndOff() {
        assertThat(run("read-only", "on", "--url", url())).isZero();
        assertThat(sim.replicaReadOnly().values()).containsOnly(true);
        assertThat(out.toString()).contains("read-only on (changed)");
        assertThat(run("read-only", "off", "--url", url())).isZero();
        assertThat(sim.isReadOnly()).isFalse();
    }

    @Test
    void gcDisableThenRestore() throws Exception {
        Path save = dir.resolve("gc.json");
        assertThat(run("gc", "disable", "--url", url(), "--save", save.toString())).isZero();
        assertThat(sim.crons().list()).extracting(c -> c.action()).containsExactly("poll_mirror");
        assertThat(Files.readString(save)).contains("onlinegc");
        assertThat(run("gc", "restore", "--url", url(), "--from", save.toString())).isZero();
        assertThat(sim.crons().list()).extracting(c -> c.action()).containsExactlyInAnyOrder("onlinegc", "poll_mirror");
        assertThat(out.toString()).contains("GC schedule restored: [onlinegc (" + CronSpec.onlineGcWeekly().schedule() + ")]");
    }

    @Test
    void onlineGcSucceedsAndAFailedJobExitsOne() {
        assertThat(run("online-gc", "--url", url(), "--timeout", "2m")).isZero();
        assertThat(out.toString()).contains("onlinegc_blobs job").contains("done");
        sim.faults().failJobs("onlinegc_blobs", 10);
        assertThat(run("online-gc", "--url", url())).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("dtr-migrate: error: job ").contains("not 'done'");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        env.remove("DTR_TOKEN");
        assertThat(run("read-only", "on", "--url", url())).isEqualTo(Main.USAGE);
        assertThat(err.toString().strip()).startsWith("dtr-migrate: usage error: DTR_TOKEN:").doesNotContain("\n");
        env.put("DTR_TOKEN", TOKEN);

        err.getBuffer().setLength(0);
        assertThat(run("read-only", "on", "--url", "dtr.example.com")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--url: expected a URL with scheme");

        assertThat(run("read-only", "maybe", "--url", url())).isEqualTo(Main.USAGE);
        assertThat(run("online-gc", "--url", url(), "--timeout", "soon")).isEqualTo(Main.USAGE);
        assertThat(run("online-gc", "--url", url(), "--action", "rm")).isEqualTo(Main.USAGE);
        assertThat(run("gc", "restore", "--url", url(), "--from", dir.resolve("missing.json").toString())).isEqualTo(Main.USAGE);
        assertThat(run("frobnicate")).isEqualTo(Main.USAGE);
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(run("copy", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: dtr-migrate copy").contains("--from");
        assertThat(run("gc", "disable", "-h")).isZero();
        assertThat(out.toString()).contains("Usage: dtr-migrate gc disable").contains("--save");
        assertThat(run("rehearse", "--help")).isZero();
        assertThat(out.toString()).contains("--procedure");
    }

    @Test
    void operationalErrorsExitOne() {
        env.put("DTR_TOKEN", "wrong-SECRET");
        assertThat(run("read-only", "on", "--url", url())).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("authentication failed for user 'admin'").doesNotContain("wrong-SECRET");
        assertThat(run("read-only", "on", "--url", url(), "--debug")).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("\tat ").doesNotContain("wrong-SECRET");
    }

    @Test
    void standaloneSimulatorServesTheOtherCommands() throws Exception {
        Path storage = Files.createDirectories(dir.resolve("standalone"));
        StringWriter simOut = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread server = new Thread(() -> code.set(Main.commandLine(env, new PrintWriter(simOut, true), new PrintWriter(err, true))
                .execute("simulator", "--storage", storage.toUri().toString(), "--version", "2.6.6")));
        server.start();
        Pattern listening = Pattern.compile("listening on (http://\\S+)");
        Matcher m = listening.matcher("");
        for (int i = 0; i < 200 && !m.find(); i++) {
            Thread.sleep(50);
            m = listening.matcher(simOut.toString());
        }
        assertThat(m.find(0)).as("simulator started: " + simOut + err).isTrue();
        String simUrl = m.group(1);
        Path save = dir.resolve("standalone-gc.json");
        assertThat(run("gc", "disable", "--url", simUrl, "--save", save.toString())).isZero();
        assertThat(Files.readString(save)).contains("onlinegc");
        assertThat(run("read-only", "on", "--url", simUrl)).isZero();
        server.interrupt();
        server.join(10_000);
        assertThat(server.isAlive()).isFalse();
    }
}
