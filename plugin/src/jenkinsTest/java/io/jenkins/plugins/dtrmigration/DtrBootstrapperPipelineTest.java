package io.jenkins.plugins.dtrmigration;

import static io.jenkins.plugins.dtrmigration.JenkinsFixtures.ADMIN_TOKEN;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.docker.DockerStandIn;
import org.dtrmigration.simulator.metadata.TagRecord;
import org.dtrmigration.simulator.storage.StorageMode;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectInfo;
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
 * The bootstrapper steps as a Jenkinsfile runs them: Pipeline jobs on a real agent (a separate JVM), credentials from
 * the Jenkins store, DTR simulated in-process and the bootstrapper played by the simulator's {@code docker} stand-in,
 * put first on the agent's PATH with {@code withEnv}. Every process starts through the agent's real
 * {@code Launcher.LocalLauncher}; the stand-in records each command line, so the tests can show that neither the DTR
 * token nor the UCP password was ever an argument, and that a password with {@code $} in it reaches docker unchanged.
 */
@WithJenkins
class DtrBootstrapperPipelineTest {

    static final String AGENT_LABEL = "dtr-ops";
    static final String REPLICA = "a1b2c3d4e5f6";
    /** LocalLauncher expands $NAME in the environment it is given; HOME is set on the agent. */
    static final String UCP_PASSWORD = "ucp-$HOME-pa$$word-SECRET-5521";

    @TempDir
    Path dir;

    JenkinsRule r;
    DtrSimulator sim;
    FilesystemStore source;
    DumbSlave agent;
    Path bin;
    Path argv;
    WrittenImage app;
    WrittenImage web;
    final List<WorkflowRun> builds = new ArrayList<>();

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        source = new FilesystemStore(Files.createDirectories(dir.resolve("storage")));
        sim = DtrSimulator.builder().storage(source).product(Product.DTR).version("2.7.5").admin("admin", ADMIN_TOKEN)
                .replicaIds(REPLICA, "0123456789ab").readOnlyLag(Duration.ofMillis(200))
                .jobStartDelay(Duration.ofMillis(20)).jobStepDelay(Duration.ofMillis(5))
                .cron(CronSpec.onlineGcWeekly()).cronScheduler(false).start();
        sim.bootstrapper().ucpCredentials("ucp-admin", UCP_PASSWORD).hostRoot(dir.resolve("host"));
        app = sim.push("team/app", "v1", SyntheticImages.image(31, 2, 300, 800));
        web = sim.push("team/web", "2.0", SyntheticImages.image(32, 2, 300, 800));
        JenkinsFixtures.addCredentials();
        JenkinsFixtures.addUcpCredentials(UCP_PASSWORD);
        bin = DockerStandIn.install(dir.resolve("bin")).getParent();
        argv = dir.resolve("docker-argv.log");
        agent = r.createOnlineSlave(Label.get(AGENT_LABEL));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (WorkflowRun b : builds) {
                r.assertLogNotContains(ADMIN_TOKEN, b);
                r.assertLogNotContains(UCP_PASSWORD, b);
                r.assertLogNotContains("\tat io.jenkins.plugins.dtrmigration.", b);
            }
            String commandLines = Files.exists(argv) ? Files.readString(argv) : "";
            assertThat(commandLines, not(containsString(ADMIN_TOKEN)));
            assertThat(commandLines, not(containsString(UCP_PASSWORD)));
            for (String secret : List.of(ADMIN_TOKEN, UCP_PASSWORD)) {
                assertThat(JenkinsFixtures.filesContaining(r.jenkins.getRootDir().toPath().resolve("jobs"), secret), empty());
                assertThat(JenkinsFixtures.filesContaining(Path.of(agent.getRemoteFS()), secret), empty());
            }
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
    }

    /** The job's script: {@code body} inside the agent's node, with the docker stand-in first on PATH. */
    void define(WorkflowJob p, String body) {
        p.setDefinition(new CpsFlowDefinition("node('" + AGENT_LABEL + "') {\n"
                + "  withEnv(['PATH+DOCKER=" + bin + "', '" + DockerStandIn.URL_VARIABLE + "=" + sim.url() + "', '"
                + DockerStandIn.LOG_VARIABLE + "=" + argv + "']) {\n"
                + body + "\n  }\n}", true));
    }

    WorkflowRun succeeds(WorkflowJob p, String body) throws Exception {
        define(p, body);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        builds.add(b);
        return b;
    }

    WorkflowRun fails(WorkflowJob p, String body, String message) throws Exception {
        define(p, body);
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        builds.add(b);
        r.assertLogContains(message, b);
        return b;
    }

    String dtr() {
        return "url: '" + sim.url() + "', credentialsId: 'dtr-admin'";
    }

    String ucp() {
        return dtr() + ", ucpUrl: 'https://ucp.example.com', ucpCredentialsId: 'ucp-admin', ucpInsecure: true, replicaId: '"
                + REPLICA + "'";
    }

    /** The copy a real migration makes with the storage copier: here, a plain file copy of the registry tree. */
    Path copyOfTheStorage() throws Exception {
        Path volume = Files.createDirectories(dir.resolve("new-volume"));
        FilesystemStore target = new FilesystemStore(volume);
        for (ObjectInfo info : source.list("").toList()) {
            target.write(info.key(), source.readAllBytes(info.key()));
        }
        return volume;
    }

    void assertTagsKept() {
        assertThat(sim.metadata().tag("team/app", "v1").map(TagRecord::digest).orElseThrow(), is(app.manifest()));
        assertThat(sim.metadata().tag("team/web", "2.0").map(TagRecord::digest).orElseThrow(), is(web.manifest()));
    }

    @Test
    void theBackupAndRestoreProcedureRunsOnAnAgent() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "backup-restore");
        WorkflowRun backup = succeeds(p, String.join("\n",
                "dtrDisableGc(" + dtr() + ")",
                "dtrReadOnly(" + dtr() + ", enabled: true, timeout: '2m')",
                "def b = dtrBackup(" + ucp() + ")",
                "echo \"backup ${b.file} of ${b.dtrVersion} with ${b.tags} tags, image ${b.image}, read-only ${b.readOnly}\"",
                "echo \"sidecar ${fileExists(b.sidecar)}, snapshot ${fileExists(b.tagSnapshot)}\""));
        r.assertLogContains("Running on " + agent.getNodeName(), backup);
        r.assertLogContains("backup dtr-backup.tar of 2.7.5 with 2 tags, image docker/dtr:2.7.5, read-only true", backup);
        r.assertLogContains("sidecar true, snapshot true", backup);

        Path volume = copyOfTheStorage();
        WorkflowRun restore = succeeds(p, String.join("\n",
                "def r = dtrRestore(" + ucp() + ", storage: '" + volume + "')",
                "echo \"destroyed ${r.destroyed.size()} replicas, restored ${r.replicaId} onto ${r.storage}\""));
        r.assertLogContains("destroyed 2 replicas, restored " + REPLICA + " onto volume " + volume, restore);
        assertThat(sim.storageState().mode(), is(StorageMode.VOLUME));
        assertTagsKept();

        // After the restore, GC waits for a passing tag check.
        fails(p, "dtrOnlineGc(" + dtr() + ")", "Run the tag check first");

        WorkflowRun after = succeeds(p, String.join("\n",
                "def c = dtrCheckTags(" + dtr() + ", from: 'dtr-backup.tar.tags.json', storage: '" + volume.toUri() + "')",
                "echo \"tag check passed ${c.passed}: ${c.tags} tags, ${c.blobs} blobs\"",
                "def gc = dtrOnlineGc(" + dtr() + ")",
                "echo \"gc ended ${gc.status}\"",
                "dtrReadOnly(" + dtr() + ", enabled: false)",
                "dtrRestoreGc(" + dtr() + ")"));
        r.assertLogContains("tag check passed true: 2 tags", after);
        r.assertLogContains("gc ended done", after);
        assertTagsKept();
        assertThat(sim.isReadOnly(), is(false));
    }

    @Test
    void theReconfigureProcedureRunsOnAnAgent() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "reconfigure");
        Path volume = copyOfTheStorage(); // nothing is pushed between this copy and the switch
        WorkflowRun b = succeeds(p, String.join("\n",
                "dtrDisableGc(" + dtr() + ")",
                "dtrReadOnly(" + dtr() + ", enabled: true, timeout: '2m')",
                "def s = dtrReconfigure(" + ucp() + ", storageMigrated: true, storage: '" + volume + "')",
                "echo \"switched to ${s.storage}, ${s.tags} tags in ${s.tagSnapshot}, ${s.lostTags} lost\"",
                "def c = dtrCheckTags(" + dtr() + ", from: s.tagSnapshot, storage: '" + volume.toUri() + "')",
                "echo \"tag check passed ${c.passed}\"",
                "dtrReadOnly(" + dtr() + ", enabled: false)",
                "dtrRestoreGc(" + dtr() + ")"));
        r.assertLogContains("switched to volume " + volume + ", 2 tags in dtr-tags.json, 0 lost", b);
        r.assertLogContains("tag check passed true", b);
        assertThat(sim.storageState().mode(), is(StorageMode.VOLUME));
        assertTagsKept();
        assertThat(Files.readString(argv), containsString("--storage-migrated"));
    }

    @Test
    void guardsFailTheBuildBeforeDtrChanges() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "guards");
        fails(p, "dtrBackup(" + ucp() + ")", "backup refused: garbage collection is still on");
        assertThat(sim.crons().list().size(), is(1));

        fails(p, "dtrBackup(" + dtr() + ", ucpUrl: 'https://ucp.example.com', ucpCredentialsId: 'secret-text', ucpInsecure: true,"
                + " replicaId: '" + REPLICA + "')",
                "ucpCredentialsId: 'secret-text' is a StringCredentialsImpl, expected a 'Username with password' credential");
        fails(p, "dtrReconfigure(" + ucp() + ", storage: '" + dir.resolve("anywhere") + "')", "storageMigrated: required");
        fails(p, "dtrRestore(" + ucp() + ", storage: 'volume:dtr-new', destroy: 'dtr-1')",
                "destroy: 'dtr-1' is not a replica id");

        // A restore onto storage that does not hold the backup's images destroys nothing.
        Path empty = Files.createDirectories(dir.resolve("empty-volume"));
        succeeds(p, "dtrDisableGc(" + dtr() + ")\ndtrBackup(" + ucp() + ")");
        fails(p, "dtrRestore(" + ucp() + ", storage: '" + empty + "')", "Nothing was destroyed");
        assertTagsKept();
        assertThat(Files.readString(argv), not(containsString("destroy")));
    }
}
