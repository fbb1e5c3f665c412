package io.jenkins.plugins.dtrmigration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Snippet Generator side: every step survives its configuration form and the generated snippet, the credentials
 * list shows only what the user may see, and the form methods answer POST only.
 */
@WithJenkins
class DtrStepsFormsTest {

    static final String URL = "https://dtr.example.com";
    /** On one line: browsers submit multi-line text areas with CRLF, which would differ from the original. */
    static final String PEM = "-----BEGIN CERTIFICATE-----MIIBkTCB+wIJAKHBfpegPjMCMA0GCSqG-----END CERTIFICATE-----";

    JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        JenkinsFixtures.addCredentials();
    }

    static <S extends DtrApiStep> S connected(S step) {
        step.setUrl(URL);
        step.setCredentialsId("dtr-admin");
        return step;
    }

    @Test
    void everyStepSurvivesItsConfigurationForm() throws Exception {
        StepConfigTester forms = new StepConfigTester(r);

        DtrReadOnlyStep on = connected(new DtrReadOnlyStep(true));
        on.setTimeout("15m");
        on.setCaCertificate(PEM);
        on.setInsecure(true);
        r.assertEqualDataBoundBeans(on, forms.configRoundTrip(on));
        DtrReadOnlyStep off = connected(new DtrReadOnlyStep(false));
        r.assertEqualDataBoundBeans(off, forms.configRoundTrip(off));

        DtrDisableGcStep disable = connected(new DtrDisableGcStep());
        disable.setFile("saved/gc.json");
        r.assertEqualDataBoundBeans(disable, forms.configRoundTrip(disable));

        DtrRestoreGcStep restore = connected(new DtrRestoreGcStep());
        r.assertEqualDataBoundBeans(restore, forms.configRoundTrip(restore));

        DtrOnlineGcStep gc = connected(new DtrOnlineGcStep());
        gc.setAction("onlinegc_metadata");
        gc.setTimeout("3h");
        r.assertEqualDataBoundBeans(gc, forms.configRoundTrip(gc));
        DtrOnlineGcStep defaults = connected(new DtrOnlineGcStep());
        r.assertEqualDataBoundBeans(defaults, forms.configRoundTrip(defaults));
    }

    /** The UCP connection every bootstrapper step takes, as a Jenkinsfile would give it. */
    static <S extends BootstrapperStep> S bootstrapped(S step) {
        connected(step);
        step.setUcpUrl("https://ucp.example.com");
        step.setUcpCredentialsId("ucp-admin");
        step.setReplicaId("a1b2c3d4e5f6");
        step.setUcpInsecure(true);
        return step;
    }

    @Test
    void theBootstrapperAndTagStepsSurviveTheirConfigurationForms() throws Exception {
        JenkinsFixtures.addUcpCredentials("ucp-password");
        StepConfigTester forms = new StepConfigTester(r);

        DtrBackupStep backup = bootstrapped(new DtrBackupStep());
        r.assertEqualDataBoundBeans(backup, forms.configRoundTrip(backup));
        DtrBackupStep everything = connected(new DtrBackupStep());
        everything.setUcpUrl("https://ucp.example.com");
        everything.setUcpCredentialsId("ucp-admin");
        everything.setUcpCaCertificate(PEM);
        everything.setReplicaId("a1b2c3d4e5f6");
        everything.setImage("registry.example.com/docker/dtr:2.7.5");
        everything.setFile("backups/dtr.tar");
        everything.setTagSnapshot("backups/tags.json");
        everything.setOffline(true);
        everything.setForce(true);
        r.assertEqualDataBoundBeans(everything, forms.configRoundTrip(everything));

        DtrRestoreStep restore = bootstrapped(new DtrRestoreStep());
        restore.setStorage("volume:dtr-new");
        restore.setCheckStorage("file:///var/lib/docker/volumes/dtr-new/_data");
        restore.setDestroy("none");
        restore.setRecord("records/restore.json");
        restore.setSkipDestinationCheck(true);
        r.assertEqualDataBoundBeans(restore, forms.configRoundTrip(restore));

        DtrReconfigureStep reconfigure = bootstrapped(new DtrReconfigureStep());
        reconfigure.setStorage("nfs://nas/exports/dtr");
        reconfigure.setStorageMigrated(true);
        reconfigure.setSource("file:///var/lib/docker/volumes/dtr-registry-a1b2c3d4e5f6/_data");
        reconfigure.setCheckStorage("file:///mnt/nas/dtr");
        r.assertEqualDataBoundBeans(reconfigure, forms.configRoundTrip(reconfigure));
        // A saved false stays false: the box is only pre-checked for a new step.
        DtrReconfigureStep reinitialize = bootstrapped(new DtrReconfigureStep());
        reinitialize.setStorage("/mnt/dtr-new");
        reinitialize.setReinitializeStorage(true);
        reinitialize.setForce(true);
        reinitialize.setSkipDestinationCheck(true);
        reinitialize.setTagSnapshot("before.json");
        r.assertEqualDataBoundBeans(reinitialize, forms.configRoundTrip(reinitialize));

        DtrSnapshotTagsStep snapshot = connected(new DtrSnapshotTagsStep());
        snapshot.setFile("tags/before.json");
        r.assertEqualDataBoundBeans(snapshot, forms.configRoundTrip(snapshot));
        DtrCheckTagsStep check = connected(new DtrCheckTagsStep());
        check.setFrom("dtr-tags.json");
        check.setStorage("s3://dtr-new/registry?region=eu-west-1");
        check.setReport("checks/report.json");
        r.assertEqualDataBoundBeans(check, forms.configRoundTrip(check));

        DtrOnlineGcStep gc = connected(new DtrOnlineGcStep());
        gc.setRestoreRecord("records/restore.json");
        gc.setTagCheck("checks/report.json");
        r.assertEqualDataBoundBeans(gc, forms.configRoundTrip(gc));
    }

    @Test
    void theSnippetGeneratorWritesTheBootstrapperAndTagSteps() throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        String ucp = "replicaId: 'a1b2c3d4e5f6', ucpCredentialsId: 'ucp-admin', ucpInsecure: true, ucpUrl: 'https://ucp.example.com', "
                + "url: 'https://dtr.example.com'";

        snippets.assertRoundTrip(bootstrapped(new DtrBackupStep()), "dtrBackup credentialsId: 'dtr-admin', " + ucp);
        DtrBackupStep offline = bootstrapped(new DtrBackupStep());
        offline.setOffline(true);
        offline.setFile("dtr.tar");
        snippets.assertRoundTrip(offline, "dtrBackup credentialsId: 'dtr-admin', file: 'dtr.tar', offline: true, " + ucp);

        DtrRestoreStep restore = bootstrapped(new DtrRestoreStep());
        restore.setStorage("s3://dtr-new/registry?region=eu-west-1");
        restore.setDestroy("none");
        snippets.assertRoundTrip(restore, "dtrRestore credentialsId: 'dtr-admin', destroy: 'none', replicaId: 'a1b2c3d4e5f6', "
                + "storage: 's3://dtr-new/registry?region=eu-west-1', ucpCredentialsId: 'ucp-admin', ucpInsecure: true, "
                + "ucpUrl: 'https://ucp.example.com', url: 'https://dtr.example.com'");

        DtrReconfigureStep reconfigure = bootstrapped(new DtrReconfigureStep());
        reconfigure.setStorage("/mnt/dtr-new");
        reconfigure.setStorageMigrated(true);
        snippets.assertRoundTrip(reconfigure, "dtrReconfigure credentialsId: 'dtr-admin', replicaId: 'a1b2c3d4e5f6', "
                + "storage: '/mnt/dtr-new', storageMigrated: true, ucpCredentialsId: 'ucp-admin', ucpInsecure: true, "
                + "ucpUrl: 'https://ucp.example.com', url: 'https://dtr.example.com'");

        snippets.assertRoundTrip(connected(new DtrSnapshotTagsStep()),
                "dtrSnapshotTags credentialsId: 'dtr-admin', url: 'https://dtr.example.com'");
        DtrCheckTagsStep check = connected(new DtrCheckTagsStep());
        check.setFrom("dtr-tags.json");
        check.setStorage("file:///mnt/dtr-new");
        snippets.assertRoundTrip(check, "dtrCheckTags credentialsId: 'dtr-admin', from: 'dtr-tags.json', "
                + "storage: 'file:///mnt/dtr-new', url: 'https://dtr.example.com'");
    }

    static final String S3 = "s3://dtr-new/registry?region=eu-west-1";
    static final String SOURCE = "file:///var/lib/docker/volumes/dtr-registry-a1b2c3d4e5f6/_data";

    @Test
    void theSnippetGeneratorWritesTheStorageSteps() throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);

        snippets.assertRoundTrip(new DtrCopyStorageStep(SOURCE, S3), "dtrCopyStorage from: '" + SOURCE + "', to: '" + S3 + "'");
        DtrCopyStorageStep copy = new DtrCopyStorageStep(SOURCE, S3);
        copy.setToCredentialsId("dtr-s3");
        copy.setDelete(true);
        copy.setShard("2/4");
        copy.setConcurrency(128);
        copy.setIncludeUploads(true);
        copy.setDryRun(true);
        snippets.assertRoundTrip(copy, "dtrCopyStorage concurrency: 128, delete: true, dryRun: true, from: '" + SOURCE
                + "', includeUploads: true, shard: '2/4', to: '" + S3 + "', toCredentialsId: 'dtr-s3'");

        DtrVerifyStorageStep verify = new DtrVerifyStorageStep(S3, "azure://registry/docker?account=dtrstore");
        verify.setFromCredentialsId("dtr-s3");
        verify.setToCredentialsId("secret-text");
        verify.setDeep(true);
        verify.setReport("verify-storage.txt");
        snippets.assertRoundTrip(verify, "dtrVerifyStorage deep: true, from: '" + S3 + "', fromCredentialsId: 'dtr-s3', "
                + "report: 'verify-storage.txt', to: 'azure://registry/docker?account=dtrstore', toCredentialsId: 'secret-text'");
    }

    @Test
    void theStorageStepsSurviveTheirConfigurationForms() throws Exception {
        StepConfigTester forms = new StepConfigTester(r);
        DtrCopyStorageStep copy = new DtrCopyStorageStep(SOURCE, S3);
        copy.setToCredentialsId("dtr-s3");
        copy.setDelete(true);
        copy.setShard("1/2");
        copy.setConcurrency(16);
        r.assertEqualDataBoundBeans(copy, forms.configRoundTrip(copy));
        DtrVerifyStorageStep verify = new DtrVerifyStorageStep(SOURCE, S3);
        verify.setDeep(true);
        verify.setReport("verify.txt");
        verify.setIncludeUploads(true);
        r.assertEqualDataBoundBeans(verify, forms.configRoundTrip(verify));
    }

    /** A Jenkinsfile's DTR storage map builds the step its location URI builds: the form and the snippet show the URI. */
    @Test
    void aStorageMapBecomesTheLocationTheFormAndSnippetShow() throws Exception {
        JenkinsFixtures.addStorageCredentials();
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("from", Map.of("filesystem", Map.of("rootdirectory", "/var/lib/docker/volumes/dtr-registry-a1b2c3d4e5f6/_data")));
        arguments.put("to", Map.of("storage", Map.of("s3", Map.of("bucket", "dtr-new", "region", "eu-west-1", "rootdirectory", "registry",
                "secretkey", "map-SECRET-77"))));
        arguments.put("toCredentialsId", "dtr-s3");
        Step byMap = r.jenkins.getDescriptorByType(DtrCopyStorageStep.DescriptorImpl.class).newInstance(arguments);

        DtrCopyStorageStep byUri = new DtrCopyStorageStep(SOURCE, S3);
        byUri.setToCredentialsId("dtr-s3");
        r.assertEqualDataBoundBeans(byUri, byMap);
        new SnippetizerTester(r).assertRoundTrip(byMap, "dtrCopyStorage from: '" + SOURCE + "', to: '" + S3 + "', toCredentialsId: 'dtr-s3'");
        r.assertEqualDataBoundBeans(byMap, new StepConfigTester(r).configRoundTrip(byMap));
    }

    @Test
    void theStorageCredentialsListsOfferWhatTheLocationAccepts() throws Exception {
        JenkinsFixtures.addStorageCredentials();
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("viewer")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("configurer"));
        WorkflowJob p = r.createProject(WorkflowJob.class, "migration");
        DtrCopyStorageStep.DescriptorImpl d = r.jenkins.getDescriptorByType(DtrCopyStorageStep.DescriptorImpl.class);

        // S3: AWS credentials and username/password, never secret text.
        assertThat(values(as("configurer", () -> d.doFillToCredentialsIdItems(p, S3, ""))),
                containsInAnyOrder("", "dtr-admin", "dtr-dev", "stale", "dtr-s3"));
        // Azure: secret text, username/password and storage accounts, never AWS credentials.
        assertThat(values(as("configurer", () -> d.doFillToCredentialsIdItems(p, "azure://registry/docker?account=dtrstore", ""))),
                containsInAnyOrder("", "dtr-admin", "dtr-dev", "stale", "secret-text", "dtr-azure"));
        // A filesystem needs none.
        assertThat(values(as("configurer", () -> d.doFillFromCredentialsIdItems(p, SOURCE, ""))), contains(""));
        assertThat(values(as("viewer", () -> d.doFillToCredentialsIdItems(p, S3, "dtr-s3"))), contains("dtr-s3"));
    }

    @Test
    void theUcpCredentialsListFollowsTheSameRules() throws Exception {
        JenkinsFixtures.addUcpCredentials("ucp-password");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("viewer")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("configurer"));
        WorkflowJob p = r.createProject(WorkflowJob.class, "migration");
        DtrBackupStep.DescriptorImpl d = r.jenkins.getDescriptorByType(DtrBackupStep.DescriptorImpl.class);

        assertThat(values(as("configurer", () -> d.doFillUcpCredentialsIdItems(p, "https://ucp.example.com", ""))),
                containsInAnyOrder("", "dtr-admin", "dtr-dev", "stale", "ucp-admin"));
        assertThat(values(as("viewer", () -> d.doFillUcpCredentialsIdItems(p, "https://ucp.example.com", "ucp-admin"))),
                contains("ucp-admin"));
    }

    @Test
    void theSnippetGeneratorWritesWhatAJenkinsfileWouldSay() throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);

        snippets.assertRoundTrip(new DtrReadOnlyStep(true), "dtrReadOnly true");
        snippets.assertRoundTrip(connected(new DtrReadOnlyStep(true)),
                "dtrReadOnly credentialsId: 'dtr-admin', enabled: true, url: 'https://dtr.example.com'");
        DtrReadOnlyStep off = connected(new DtrReadOnlyStep(false));
        off.setTimeout("15m");
        snippets.assertRoundTrip(off,
                "dtrReadOnly credentialsId: 'dtr-admin', enabled: false, timeout: '15m', url: 'https://dtr.example.com'");

        DtrDisableGcStep disable = connected(new DtrDisableGcStep());
        snippets.assertRoundTrip(disable, "dtrDisableGc credentialsId: 'dtr-admin', url: 'https://dtr.example.com'");
        disable.setFile("saved/gc.json");
        snippets.assertRoundTrip(disable,
                "dtrDisableGc credentialsId: 'dtr-admin', file: 'saved/gc.json', url: 'https://dtr.example.com'");

        DtrRestoreGcStep restore = connected(new DtrRestoreGcStep());
        restore.setInsecure(true);
        snippets.assertRoundTrip(restore,
                "dtrRestoreGc credentialsId: 'dtr-admin', insecure: true, url: 'https://dtr.example.com'");

        DtrOnlineGcStep gc = connected(new DtrOnlineGcStep());
        gc.setAction("onlinegc");
        gc.setTimeout("3h");
        snippets.assertRoundTrip(gc,
                "dtrOnlineGc action: 'onlinegc', credentialsId: 'dtr-admin', timeout: '3h', url: 'https://dtr.example.com'");
    }

    @Test
    void theCredentialsListShowsOnlyWhatTheUserMaySee() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("viewer")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("configurer")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        WorkflowJob p = r.createProject(WorkflowJob.class, "migration");
        DtrReadOnlyStep.DescriptorImpl d = r.jenkins.getDescriptorByType(DtrReadOnlyStep.DescriptorImpl.class);

        // Username/password credentials only: never the secret text.
        assertThat(values(as("configurer", () -> d.doFillCredentialsIdItems(p, URL, ""))),
                containsInAnyOrder("", "dtr-admin", "dtr-dev", "stale"));
        // Without the right to configure the job, only the current value (so saving changes nothing).
        assertThat(values(as("viewer", () -> d.doFillCredentialsIdItems(p, URL, "dtr-admin"))), contains("dtr-admin"));
        // Outside a job, only administrators see the list.
        assertThat(values(as("configurer", () -> d.doFillCredentialsIdItems(null, URL, "dtr-dev"))), contains("dtr-dev"));
        assertThat(values(as("admin", () -> d.doFillCredentialsIdItems(null, URL, ""))),
                containsInAnyOrder("", "dtr-admin", "dtr-dev", "stale"));
    }

    @Test
    void theBootstrapperFormMethodsAnswerPostOnly() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        URL check = new URL(r.getURL(), "descriptorByName/" + DtrRestoreStep.class.getName()
                + "/checkStorage?value=volume:dtr-new&checkStorage=&skipDestinationCheck=false");

        assertThat(wc.getPage(new WebRequest(check, HttpMethod.GET)).getWebResponse().getStatusCode(), is(not(200)));

        WebResponse post = wc.getPage(wc.addCrumb(new WebRequest(check, HttpMethod.POST))).getWebResponse();
        assertThat(post.getStatusCode(), is(200));
        assertThat(post.getContentAsString(), containsString("checkStorage"));
    }

    @Test
    void formMethodsAnswerPostOnly() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        URL check = new URL(r.getURL(), "descriptorByName/" + DtrReadOnlyStep.class.getName() + "/checkUrl?value=http://dtr.lab");

        WebResponse get = wc.getPage(new WebRequest(check, HttpMethod.GET)).getWebResponse();
        assertThat(get.getStatusCode(), is(not(200)));

        WebResponse post = wc.getPage(wc.addCrumb(new WebRequest(check, HttpMethod.POST))).getWebResponse();
        assertThat(post.getStatusCode(), is(200));
        assertThat(post.getContentAsString(), containsString("unencrypted"));
    }

    static List<String> values(ListBoxModel model) {
        return model.stream().map(o -> o.value).toList();
    }

    static <T> T as(String user, Callable<T> call) throws Exception {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            return call.call();
        }
    }
}
