package io.jenkins.plugins.dtrmigration;

import static io.jenkins.plugins.dtrmigration.StepHarness.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.storage.FilesystemStore;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API steps end to end against the simulator, with Jenkins mocked at the StepContext. */
class DtrApiStepsTest {

    static final String TOKEN = "dtr-token-SECRET-5150";

    @TempDir
    Path dir;
    DtrSimulator sim;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        sim = DtrSimulator.builder()
                .storage(new FilesystemStore(Files.createDirectories(dir.resolve("storage"))))
                .admin("admin", TOKEN)
                .user("dev", "dev-token-SECRET")
                .replicaIds("a1b2c3d4e5f6", "0123456789ab")
                .readOnlyLag(Duration.ofMillis(300))
                .jobStartDelay(Duration.ofMillis(20))
                .jobStepDelay(Duration.ofMillis(5))
                .cron(CronSpec.onlineGcWeekly())
                .cron(CronSpec.of("poll_mirror", "0 */15 * * * *"))
                .cronScheduler(false)
                .start();
        h = new StepHarness(Files.createDirectories(dir.resolve("workspace")).toFile());
        h.usernamePassword("dtr-admin", "admin", TOKEN);
        h.usernamePassword("dtr-dev", "dev", "dev-token-SECRET");
    }

    @AfterEach
    void tearDown() {
        h.close();
        sim.close();
    }

    <S extends DtrApiStep> S connect(S step, String credentialsId) {
        step.setUrl(sim.url().toString());
        step.setCredentialsId(credentialsId);
        return step;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> run(DtrApiStep step) throws Exception {
        SynchronousNonBlockingStepExecution<Map<String, Object>> execution =
                (SynchronousNonBlockingStepExecution<Map<String, Object>>) step.start(h.context);
        return ((DtrApiExecution) execution).run();
    }

    @Test
    void readOnlyOnWaitsForEveryReplicaAndReturnsAMap() throws Exception {
        Map<String, Object> r = run(connect(new DtrReadOnlyStep(true), "dtr-admin"));
        assertThat(r).containsEntry("enabled", true).containsEntry("changed", true);
        assertThat(result(r.get("replicas"))).containsEntry("a1b2c3d4e5f6", true).containsEntry("0123456789ab", true);
        assertThat(sim.replicaReadOnly().values()).containsOnly(true);
        // Idempotent: a second call changes nothing.
        assertThat(run(connect(new DtrReadOnlyStep(true), "dtr-admin"))).containsEntry("changed", false);
        assertThat(run(connect(new DtrReadOnlyStep(false), "dtr-admin"))).containsEntry("enabled", false);
        assertThat(sim.isReadOnly()).isFalse();
        assertThat(h.console()).contains("Read-only mode is on").doesNotContain(TOKEN);
        CredentialsProvider.class.getName(); // tracked below
        h.credentials.verify(() -> CredentialsProvider.track(any(Run.class), any()), org.mockito.Mockito.atLeastOnce());
    }

    @Test
    void disableGcSavesRemovesAndRestoreBringsBackExactly() throws Exception {
        DtrDisableGcStep disable = connect(new DtrDisableGcStep(), "dtr-admin");
        Map<String, Object> saved = run(disable);
        assertThat(saved).containsEntry("file", "dtr-gc-schedule.json").containsEntry("removed", List.of("onlinegc"));
        assertThat(sim.crons().list()).extracting(c -> c.action()).containsExactly("poll_mirror");
        Path file = h.workspace.toPath().resolve("dtr-gc-schedule.json");
        assertThat(Files.readString(file)).contains("\"onlinegc\"").doesNotContain(TOKEN);

        // Disabling twice keeps the schedule saved the first time.
        Map<String, Object> again = run(connect(new DtrDisableGcStep(), "dtr-admin"));
        assertThat(again.get("removed")).isEqualTo(List.of());
        assertThat((List<?>) again.get("crons")).hasSize(1);

        Map<String, Object> restored = run(connect(new DtrRestoreGcStep(), "dtr-admin"));
        assertThat((List<?>) restored.get("restored")).hasSize(1);
        assertThat(sim.crons().list()).extracting(c -> c.action()).containsExactlyInAnyOrder("onlinegc", "poll_mirror");
        assertThat(sim.crons().list()).filteredOn(c -> c.action().equals("onlinegc"))
                .extracting(c -> c.spec().schedule()).containsExactly(CronSpec.onlineGcWeekly().schedule());
        assertThat(h.console()).doesNotContain(TOKEN);
    }

    @Test
    void disableGcSavesTheScheduleBeforeDeletingAnyCron() throws Exception {
        // DTR refuses the deletion: the run stops half-way, as it would if the agent were lost mid-step.
        sim.faults().failRequests("DELETE", "/api/v0/crons/.*", 500, 100);
        assertThatThrownBy(() -> run(connect(new DtrDisableGcStep(), "dtr-admin"))).isInstanceOf(AbortException.class);
        Path file = h.workspace.toPath().resolve("dtr-gc-schedule.json");
        assertThat(file).exists();
        assertThat(Files.readString(file)).contains("\"onlinegc\"").contains(CronSpec.onlineGcWeekly().schedule());
        sim.faults().clear();

        // Once DTR behaves, a re-run completes and dtrRestoreGc has the original schedule to restore.
        run(connect(new DtrDisableGcStep(), "dtr-admin"));
        assertThat(sim.crons().list()).extracting(c -> c.action()).containsExactly("poll_mirror");
        assertThat((List<?>) run(connect(new DtrRestoreGcStep(), "dtr-admin")).get("restored")).hasSize(1);
        assertThat(sim.crons().list()).extracting(c -> c.action()).contains("onlinegc");
    }

    @Test
    void onlineGcStreamsTheJobLogAndReturnsTheJob() throws Exception {
        Map<String, Object> r = run(connect(new DtrOnlineGcStep(), "dtr-admin"));
        assertThat(r).containsEntry("status", "done").containsEntry("action", "onlinegc_blobs");
        assertThat(r.get("jobId")).isInstanceOf(String.class);
        assertThat(h.console()).contains("[onlinegc_blobs]").contains("is done").doesNotContain(TOKEN);
    }

    @Test
    void aFailingJobFailsTheStepWithJobIdAndStatus() {
        sim.faults().failJobs("onlinegc_blobs", 10);
        assertThatThrownBy(() -> run(connect(new DtrOnlineGcStep(), "dtr-admin")))
                .isInstanceOf(AbortException.class)
                .hasMessageMatching("(?s)job \\S+ \\(onlinegc_blobs\\) ended with status '[a-z_]+', not 'done'.*");
    }

    @Test
    void nonAdminIsToldSo() {
        assertThatThrownBy(() -> run(connect(new DtrReadOnlyStep(true), "dtr-dev")))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("user 'dev' is not a DTR/MSR administrator");
    }

    @Test
    void wrongTokenIsAnAuthenticationError() {
        h.usernamePassword("stale", "admin", "expired-token-SECRET");
        assertThatThrownBy(() -> run(connect(new DtrReadOnlyStep(true), "stale")))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("authentication failed for user 'admin'")
                .hasMessageNotContaining("expired-token-SECRET");
    }

    @Test
    void missingCredentialNamesTheId() {
        assertThatThrownBy(() -> run(connect(new DtrReadOnlyStep(true), "nope")))
                .isInstanceOf(AbortException.class)
                .hasMessage("credentialsId: no 'Username with password' credential with id 'nope' is visible to migration #7");
    }

    @Test
    void wrongCredentialTypeIsNamed() {
        h.otherCredential("secret-text", mock(StringCredentials.class));
        assertThatThrownBy(() -> run(connect(new DtrReadOnlyStep(true), "secret-text")))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("credentialsId: 'secret-text' is a ")
                .hasMessageContaining("expected a 'Username with password' credential");
    }

    @Test
    void badArgumentsFailBeforeAnythingIsResolvedOrSent() throws Exception {
        DtrReadOnlyStep ro = connect(new DtrReadOnlyStep(true), "dtr-admin");
        ro.setTimeout("soon");
        assertThatThrownBy(() -> run(ro)).isInstanceOf(AbortException.class).hasMessageStartingWith("timeout: 'soon'");

        DtrOnlineGcStep gc = connect(new DtrOnlineGcStep(), "dtr-admin");
        gc.setAction("rm -rf");
        assertThatThrownBy(() -> run(gc)).isInstanceOf(AbortException.class).hasMessageStartingWith("action: expected one of");

        DtrDisableGcStep escape = connect(new DtrDisableGcStep(), "dtr-admin");
        escape.setFile("../outside.json");
        assertThatThrownBy(() -> run(escape)).isInstanceOf(AbortException.class).hasMessageStartingWith("file: '../outside.json' must be a path inside the workspace");
        DtrDisableGcStep absolute = connect(new DtrDisableGcStep(), "dtr-admin");
        absolute.setFile("/etc/gc.json");
        assertThatThrownBy(() -> run(absolute)).isInstanceOf(AbortException.class).hasMessageStartingWith("file: '/etc/gc.json'");

        DtrReadOnlyStep noUrl = new DtrReadOnlyStep(true);
        noUrl.setCredentialsId("dtr-admin");
        assertThatThrownBy(() -> run(noUrl)).isInstanceOf(AbortException.class).hasMessageStartingWith("url: required");
        DtrReadOnlyStep noCreds = new DtrReadOnlyStep(true);
        noCreds.setUrl(sim.url().toString());
        assertThatThrownBy(() -> run(noCreds)).isInstanceOf(AbortException.class).hasMessageStartingWith("credentialsId: required");

        h.credentials.verify(() -> CredentialsProvider.track(any(Run.class), any()), never());
        verify(h.context.get(FilePath.class), never()).act(any(FilePath.FileCallable.class));
        assertThat(sim.crons().list()).extracting(c -> c.action()).contains("onlinegc");
    }

    @Test
    void restoreWithoutASaveFileSaysWhichFile() {
        assertThatThrownBy(() -> run(connect(new DtrRestoreGcStep(), "dtr-admin")))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("file: ")
                .hasMessageContaining("no such GC schedule file");
    }

    @Test
    void unreachableDtrIsOneClearLine() throws Exception {
        DtrReadOnlyStep step = new DtrReadOnlyStep(true);
        step.setUrl("http://127.0.0.1:1");
        step.setCredentialsId("dtr-admin");
        assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class).hasMessageStartingWith("cannot reach http://127.0.0.1:1");
    }

    @Test
    void theTokenTravelsOnlyInsideTheCallableNeverInTheResultOrConsole() throws Exception {
        run(connect(new DtrReadOnlyStep(true), "dtr-admin"));
        byte[] result = h.wire.get(h.wire.size() - 1);
        assertThat(new String(result, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(h.console()).doesNotContain(TOKEN);
    }
}
