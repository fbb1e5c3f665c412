package io.jenkins.plugins.dtrmigration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import hudson.model.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.dtrmigration.simulator.DtrSimulator;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * What docs/restarts.md promises: a step still running when the controller restarts fails on resume instead of
 * hanging, and what it already did in DTR stays done (so re-running the idempotent step is the way on).
 */
class DtrStepsRestartTest {

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path dir;

    DtrSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aStepCutByARestartFailsOnResumeAndDtrKeepsWhatItDid() throws Throwable {
        // The replicas take an hour to follow, so dtrReadOnly is still waiting when the controller restarts.
        sim = JenkinsFixtures.simulator(dir, Duration.ofHours(1));
        String url = sim.url().toString();

        sessions.then(r -> {
            JenkinsFixtures.addCredentials();
            WorkflowJob p = r.createProject(WorkflowJob.class, "read-only");
            p.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  dtrReadOnly(url: '" + url + "', credentialsId: 'dtr-admin', enabled: true, timeout: '2h')\n"
                    + "}", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Turning read-only mode on", b);
        });

        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("read-only", WorkflowJob.class).getBuildByNumber(1);
            r.waitForCompletion(b);
            r.assertBuildStatus(Result.FAILURE, b);
            // Pipeline: Step API words it differently from version to version.
            assertThat(JenkinsRule.getLog(b), anyOf(
                    containsString("Resume after a restart not supported for non-blocking synchronous steps"),
                    containsString("cannot be resumed after a controller restart"),
                    containsString("doesn't support resume after a restart")));
            r.assertLogNotContains(JenkinsFixtures.ADMIN_TOKEN, b);
            assertThat("the setting DTR accepted before the restart stays", sim.isReadOnly(), is(true));
        });
    }
}
