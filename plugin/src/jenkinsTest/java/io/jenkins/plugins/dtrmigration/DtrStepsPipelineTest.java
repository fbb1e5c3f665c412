package io.jenkins.plugins.dtrmigration;

import static io.jenkins.plugins.dtrmigration.JenkinsFixtures.ADMIN_TOKEN;
import static io.jenkins.plugins.dtrmigration.JenkinsFixtures.DEV_TOKEN;
import static io.jenkins.plugins.dtrmigration.JenkinsFixtures.STALE_TOKEN;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.simulator.crons.Cron;
import org.dtrmigration.storage.FilesystemStore;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The steps as a Jenkinsfile runs them: a Pipeline job on a real agent (a separate JVM, so every callable and result
 * crosses a remoting channel), credentials from the Jenkins store, DTR simulated in-process.
 */
@WithJenkins
class DtrStepsPipelineTest {

    static final String AGENT_LABEL = "dtr-ops";

    @TempDir
    Path dir;

    JenkinsRule r;
    DtrSimulator sim;
    DumbSlave agent;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        sim = JenkinsFixtures.simulator(dir, Duration.ofMillis(300));
        JenkinsFixtures.addCredentials();
        agent = r.createOnlineSlave(Label.get(AGENT_LABEL));
    }

    @AfterEach
    void tearDown() {
        if (sim != null) {
            sim.close();
        }
    }

    WorkflowJob job(String name, String body) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("node('" + AGENT_LABEL + "') {\n" + body + "\n}", true));
        return p;
    }

    /** {@code url: '…', credentialsId: '…'} for a step call. */
    String conn(String credentialsId) {
        return "url: '" + sim.url() + "', credentialsId: '" + credentialsId + "'";
    }

    @Test
    void theMigrationSequenceRunsOnAnAgentAndReturnsMaps() throws Exception {
        WorkflowJob p = job("migration", String.join("\n",
                "def gc = dtrDisableGc(" + conn("dtr-admin") + ")",
                "echo \"saved ${gc.crons.size()} GC cron(s) to ${gc.file}\"",
                "def ro = dtrReadOnly(" + conn("dtr-admin") + ", enabled: true, timeout: '2m')",
                "echo \"read-only ${ro.enabled}, changed ${ro.changed}, ${ro.replicas.size()} replicas\"",
                "def job = dtrOnlineGc(" + conn("dtr-admin") + ", timeout: '5m')",
                "echo \"gc job ${job.action} ended ${job.status}\"",
                "def again = dtrReadOnly(" + conn("dtr-admin") + ", enabled: true)",
                "echo \"second read-only call changed ${again.changed}\"",
                "dtrReadOnly(" + conn("dtr-admin") + ", enabled: false)",
                "def restored = dtrRestoreGc(" + conn("dtr-admin") + ")",
                "echo \"restored ${restored.restored.size()} GC cron(s)\"",
                "echo \"schedule file names onlinegc: ${readFile(gc.file).contains('onlinegc')}\""));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("Running on " + agent.getNodeName(), b);
        r.assertLogContains("saved 1 GC cron(s) to dtr-gc-schedule.json", b);
        r.assertLogContains("read-only true, changed true, 2 replicas", b);
        r.assertLogContains("Read-only mode is on", b);
        r.assertLogContains("[onlinegc_blobs]", b);
        r.assertLogContains("gc job onlinegc_blobs ended done", b);
        r.assertLogContains("second read-only call changed false", b);
        r.assertLogContains("restored 1 GC cron(s)", b);
        r.assertLogContains("schedule file names onlinegc: true", b);
        assertThat(sim.isReadOnly(), is(false));
        assertThat(sim.crons().list().stream().map(Cron::action).toList(), containsInAnyOrder("onlinegc", "poll_mirror"));

        r.assertLogNotContains(ADMIN_TOKEN, b);
        assertThat(JenkinsFixtures.filesContaining(r.jenkins.getRootDir().toPath().resolve("jobs"), ADMIN_TOKEN), empty());
        assertThat(JenkinsFixtures.filesContaining(Path.of(agent.getRemoteFS()), ADMIN_TOKEN), empty());
    }

    /** dtrCopyStorage and dtrVerifyStorage on the agent, naming storage by URI or by DTR's storage map as the docs do. */
    @Test
    void theStorageStepsTakeALocationOrDtrsStorageMap() throws Exception {
        Path source = Files.createDirectories(dir.resolve("registry"));
        TreeGenerator.generate(new FilesystemStore(source), TreeSpec.small(7));
        Path copy = Files.createDirectories(dir.resolve("copy"));
        WorkflowJob p = job("storage", String.join("\n",
                "def root = '" + copy + "'",
                "def c = dtrCopyStorage(from: [filesystem: [rootdirectory: '" + source + "', secretkey: 'map-SECRET-31']],",
                "                       to: '" + copy.toUri() + "')",
                "echo \"copy complete ${c.complete}, ${c.copiedObjects} of ${c.sourceObjects} objects\"",
                "def v = dtrVerifyStorage(from: '" + source.toUri() + "', to: [storage: [filesystem: [rootdirectory: \"${root}\"]]],",
                "                         deep: true)",
                "echo \"verify clean ${v.clean}, ${v.differenceCount} differences\""));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("copy complete true", b);
        r.assertLogContains("verify clean true, 0 differences", b);
        r.assertLogContains("WARNING: from: the storage map's 'secretkey' is ignored", b);
        r.assertLogNotContains("map-SECRET-31", b);

        WorkflowRun typo = r.buildAndAssertStatus(Result.FAILURE, job("typo",
                "dtrCopyStorage(from: '" + source.toUri() + "', to: '" + copy.toUri() + "', delet: true)"));
        r.assertLogContains("delet", typo);
        WorkflowRun notALocation = r.buildAndAssertStatus(Result.FAILURE, job("not-a-location",
                "dtrVerifyStorage(from: 42, to: '" + copy.toUri() + "')"));
        r.assertLogContains("from: expected a location (file:///path", notALocation);
        r.assertLogNotContains("\tat io.jenkins.plugins.dtrmigration.", notALocation);
        WorkflowRun unsupported = r.buildAndAssertStatus(Result.FAILURE, job("gcs",
                "dtrVerifyStorage(from: '" + source.toUri() + "', to: [gcs: [bucket: 'b']])"));
        r.assertLogContains("to: DTR storage driver 'gcs' is not supported", unsupported);
    }

    /** A guard that refuses: the build fails with the step's message, no stack trace, no secret, DTR unchanged. */
    void assertRefused(String name, String body, String message) throws Exception {
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job(name, body));
        r.assertLogContains(message, b);
        r.assertLogNotContains("\tat io.jenkins.plugins.dtrmigration.", b);
        r.assertLogNotContains("\tat org.dtrmigration.", b);
        for (String secret : new String[] {ADMIN_TOKEN, DEV_TOKEN, STALE_TOKEN, "some-SECRET-text"}) {
            r.assertLogNotContains(secret, b);
        }
        assertThat(name + ": read-only untouched", sim.isReadOnly(), is(false));
        assertThat(name + ": GC crons untouched", sim.crons().list().stream().map(Cron::action).toList(),
                containsInAnyOrder("onlinegc", "poll_mirror"));
    }

    @Test
    void guardsFailTheBuildWithTheirMessage() throws Exception {
        assertRefused("wrong-token", "dtrReadOnly(" + conn("stale") + ", enabled: true)",
                "authentication failed for user 'admin'");
        assertRefused("not-an-admin", "dtrDisableGc(" + conn("dtr-dev") + ")",
                "user 'dev' is not a DTR/MSR administrator");
        assertRefused("unknown-credential", "dtrReadOnly(" + conn("nope") + ", enabled: true)",
                "credentialsId: no 'Username with password' credential with id 'nope' is visible to");
        assertRefused("wrong-kind", "dtrReadOnly(" + conn("secret-text") + ", enabled: true)",
                "credentialsId: 'secret-text' is a StringCredentialsImpl, expected a 'Username with password' credential");
        assertRefused("bad-timeout", "dtrReadOnly(" + conn("dtr-admin") + ", enabled: true, timeout: 'soon')",
                "timeout: 'soon' is not a duration like 90s, 30m, 2h or PT30M");
        assertRefused("outside-workspace", "dtrDisableGc(" + conn("dtr-admin") + ", file: '../outside.json')",
                "file: '../outside.json' must be a path inside the workspace");
        assertRefused("no-saved-schedule", "dtrRestoreGc(" + conn("dtr-admin") + ", file: 'never-written.json')",
                "no such GC schedule file");

        sim.faults().failJobs("onlinegc_blobs", 10);
        assertRefused("gc-job-fails", "dtrOnlineGc(" + conn("dtr-admin") + ")", "(onlinegc_blobs) ended with status '");
    }

    @Test
    void theWorkspaceFileIsTheOnlyRecordAndHoldsNoToken() throws Exception {
        WorkflowJob p = job("disable", "dtrDisableGc(" + conn("dtr-admin") + ", file: 'gc/saved.json')\n"
                + "echo \"file: ${readFile('gc/saved.json').length() > 0}\"");
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("file: true", b);
        assertThat(sim.crons().list().stream().map(Cron::action).toList(), contains("poll_mirror"));
        assertThat(JenkinsFixtures.filesContaining(Path.of(agent.getRemoteFS()), ADMIN_TOKEN), empty());
    }
}
