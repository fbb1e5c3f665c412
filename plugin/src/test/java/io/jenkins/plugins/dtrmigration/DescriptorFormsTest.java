package io.jenkins.plugins.dtrmigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.dtrmigration.FormValidations.Shown;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import jenkins.model.Jenkins;
import org.dtrmigration.migration.OnlineGc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;
import org.springframework.security.core.Authentication;

/**
 * The descriptors' form methods with Jenkins mocked: who gets to see the credentials list, as whom it is computed,
 * and what the checks say.
 */
class DescriptorFormsTest {

    static final String URL = "https://dtr.example.com";

    final FormValidations forms = new FormValidations();
    final Jenkins jenkins = mock(Jenkins.class);
    final MockedStatic<Jenkins> jenkinsStatic = mockStatic(Jenkins.class);
    final MockedStatic<Tasks> tasks = mockStatic(Tasks.class);
    final MockedStatic<URIRequirementBuilder> uriRequirements = mockStatic(URIRequirementBuilder.class);
    final MockedStatic<CredentialsProvider> credentials = mockStatic(CredentialsProvider.class);
    final MockedStatic<CredentialsMatchers> matchers = mockStatic(CredentialsMatchers.class);
    final MockedConstruction<StandardListBoxModel> listBoxes =
            mockConstruction(StandardListBoxModel.class, withSettings().defaultAnswer(RETURNS_SELF));
    /** The job a picker is shown for: an Item that is also a Queue.Task, as a WorkflowJob is. */
    final Item job = mock(Item.class, withSettings().extraInterfaces(Queue.Task.class));
    final Authentication jobAuthentication = mock(Authentication.class);
    final Map<String, List<DomainRequirement>> requirements = new HashMap<>();

    final DtrApiStepDescriptor descriptor = new DtrReadOnlyStep.DescriptorImpl();

    DescriptorFormsTest() {
        jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
        tasks.when(() -> Tasks.getAuthenticationOf2(any())).thenReturn(jobAuthentication);
        uriRequirements.when(() -> URIRequirementBuilder.fromUri(any())).thenAnswer(inv -> {
            URIRequirementBuilder builder = mock(URIRequirementBuilder.class);
            List<DomainRequirement> built = List.of(mock(DomainRequirement.class));
            requirements.put(inv.getArgument(0), built);
            when(builder.build()).thenReturn(built);
            return builder;
        });
    }

    @AfterEach
    void close() {
        listBoxes.close();
        matchers.close();
        credentials.close();
        uriRequirements.close();
        tasks.close();
        jenkinsStatic.close();
        forms.close();
    }

    StandardListBoxModel theListBox() {
        assertThat(listBoxes.constructed()).hasSize(1);
        return listBoxes.constructed().get(0);
    }

    // ------------------------------------------------------------------ doFillCredentialsIdItems

    @Test
    void outsideAJobOnlyAdministratorsSeeTheList() {
        when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(false);

        ListBoxModel items = descriptor.doFillCredentialsIdItems(null, URL, "dtr-admin");

        StandardListBoxModel model = theListBox();
        assertThat(items).isSameAs(model);
        verify(jenkins).hasPermission(Jenkins.ADMINISTER);
        verify(model).includeCurrentValue("dtr-admin");
        verifyNoMoreInteractions(model);
        uriRequirements.verifyNoInteractions();
    }

    @Test
    void anAdministratorOutsideAJobSeesUsernamePasswordCredentialsAsSystem() {
        when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);

        descriptor.doFillCredentialsIdItems(null, URL, "dtr-admin");

        StandardListBoxModel model = theListBox();
        InOrder order = inOrder(model);
        order.verify(model).includeEmptyValue();
        // ACL.SYSTEM2 (null in the stubs) and no item: the global context.
        order.verify(model).includeAs(isNull(), (Item) isNull(), eq(StandardUsernamePasswordCredentials.class),
                same(requirements.get(URL)));
        order.verify(model).includeCurrentValue("dtr-admin");
        verifyNoMoreInteractions(model);
        tasks.verifyNoInteractions();
    }

    @Test
    void inAJobWithoutConfigureOrUseRightsOnlyTheCurrentValueIsShown() {
        descriptor.doFillCredentialsIdItems(job, URL, "dtr-admin");

        StandardListBoxModel model = theListBox();
        verify(job).hasPermission(Item.EXTENDED_READ);
        verify(job).hasPermission(CredentialsProvider.USE_ITEM);
        verify(model).includeCurrentValue("dtr-admin");
        verifyNoMoreInteractions(model);
        jenkinsStatic.verify(Jenkins::get, never());
    }

    @Test
    void someoneWhoMayReadTheJobConfigurationSeesWhatTheBuildWouldSee() {
        when(job.hasPermission(Item.EXTENDED_READ)).thenReturn(true);

        descriptor.doFillCredentialsIdItems(job, URL, "dtr-admin");

        StandardListBoxModel model = theListBox();
        InOrder order = inOrder(model);
        order.verify(model).includeEmptyValue();
        order.verify(model).includeAs(same(jobAuthentication), same(job), eq(StandardUsernamePasswordCredentials.class),
                same(requirements.get(URL)));
        order.verify(model).includeCurrentValue("dtr-admin");
        tasks.verify(() -> Tasks.getAuthenticationOf2((Queue.Task) job));
        jenkinsStatic.verify(Jenkins::get, never());
    }

    @Test
    void useItemAloneIsEnough() {
        when(job.hasPermission(CredentialsProvider.USE_ITEM)).thenReturn(true);

        descriptor.doFillCredentialsIdItems(job, URL, null);

        StandardListBoxModel model = theListBox();
        verify(model).includeAs(same(jobAuthentication), same(job), eq(StandardUsernamePasswordCredentials.class),
                same(requirements.get(URL)));
        verify(model).includeCurrentValue("");
    }

    @Test
    void anItemThatIsNotATaskListsAsSystem() {
        Item folder = mock(Item.class);
        when(folder.hasPermission(Item.EXTENDED_READ)).thenReturn(true);

        descriptor.doFillCredentialsIdItems(folder, "  ", "dtr-admin");

        verify(theListBox()).includeAs(isNull(), same(folder), eq(StandardUsernamePasswordCredentials.class),
                same(requirements.get(null)));
        tasks.verifyNoInteractions();
        uriRequirements.verify(() -> URIRequirementBuilder.fromUri(null));
    }

    // ------------------------------------------------------------------ doCheckCredentialsId

    @Test
    void checkingCredentialsNeedsTheSameRights() {
        Shown s = forms.of(descriptor.doCheckCredentialsId(job, URL, "anything"));
        assertThat(s).isEqualTo(Shown.ok());
        credentials.verifyNoInteractions();
    }

    @Test
    void aCredentialIsRequired() {
        when(job.hasPermission(Item.EXTENDED_READ)).thenReturn(true);
        assertThat(forms.of(descriptor.doCheckCredentialsId(job, URL, " "))).isEqualTo(Shown.error(
                "Required: 'Username with password' credential (a DTR/MSR administrator and an access token)"));
    }

    @Test
    void anUnknownIdIsAWarningNamingItAndTheUrl() {
        when(job.hasPermission(Item.EXTENDED_READ)).thenReturn(true);
        CredentialsMatcher withId = mock(CredentialsMatcher.class);
        matchers.when(() -> CredentialsMatchers.withId("nope")).thenReturn(withId);
        credentials.when(() -> CredentialsProvider.listCredentialsInItem(any(), any(), any(), any(), any()))
                .thenReturn(new ListBoxModel());

        Shown s = forms.of(descriptor.doCheckCredentialsId(job, URL, " nope "));

        assertThat(s).isEqualTo(Shown.warning("No 'Username with password' credential (a DTR/MSR administrator and an"
                + " access token) with id 'nope' is visible to this job for https://dtr.example.com"));
        credentials.verify(() -> CredentialsProvider.listCredentialsInItem(eq(StandardUsernamePasswordCredentials.class),
                same(job), same(jobAuthentication), same(requirements.get(URL)), same(withId)));
    }

    @Test
    void aVisibleIdIsFine() {
        when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
        ListBoxModel one = new ListBoxModel();
        one.add(new ListBoxModel.Option("admin/****", "dtr-admin"));
        credentials.when(() -> CredentialsProvider.listCredentialsInItem(any(), any(), any(), any(), any())).thenReturn(one);

        assertThat(forms.of(descriptor.doCheckCredentialsId(null, URL, "dtr-admin"))).isEqualTo(Shown.ok());
        matchers.verify(() -> CredentialsMatchers.withId("dtr-admin"));
    }

    // ------------------------------------------------------------------ the other fields

    @Test
    void everyDtrApiStepDescriptorChecksTheConnectionFields() {
        for (DtrApiStepDescriptor d : List.of(new DtrReadOnlyStep.DescriptorImpl(), new DtrDisableGcStep.DescriptorImpl(),
                new DtrRestoreGcStep.DescriptorImpl(), new DtrOnlineGcStep.DescriptorImpl())) {
            assertThat(forms.of(d.doCheckUrl("http://dtr.lab")).kind()).isEqualTo(FormValidation.Kind.WARNING);
            assertThat(forms.of(d.doCheckUrl("https://dtr.example.com"))).isEqualTo(Shown.ok());
            assertThat(forms.of(d.doCheckCaCertificate("not pem")).kind()).isEqualTo(FormValidation.Kind.ERROR);
        }
    }

    @Test
    void stepFieldsAreCheckedByTheStepsOwnParsers() {
        assertThat(forms.of(new DtrReadOnlyStep.DescriptorImpl().doCheckTimeout("ten minutes")).message())
                .isEqualTo("'ten minutes' is not a duration like 90s, 30m, 2h or PT30M");
        assertThat(forms.of(new DtrOnlineGcStep.DescriptorImpl().doCheckTimeout("3h"))).isEqualTo(Shown.ok());
        assertThat(forms.of(new DtrDisableGcStep.DescriptorImpl().doCheckFile("../gc.json")).kind())
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(forms.of(new DtrRestoreGcStep.DescriptorImpl().doCheckFile("/tmp/gc.json")).kind())
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(forms.of(new DtrRestoreGcStep.DescriptorImpl().doCheckFile("saved/gc.json"))).isEqualTo(Shown.ok());
    }

    // ------------------------------------------------------------------ the bootstrapper steps

    static final String UCP_URL = "https://ucp.example.com";
    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    final BootstrapperStepDescriptor backup = new DtrBackupStep.DescriptorImpl();

    @Test
    void theUcpListFollowsTheSameRulesNarrowedByTheUcpUrl() {
        when(job.hasPermission(Item.EXTENDED_READ)).thenReturn(true);

        ListBoxModel items = backup.doFillUcpCredentialsIdItems(job, UCP_URL, "ucp-admin");

        StandardListBoxModel model = theListBox();
        assertThat(items).isSameAs(model);
        InOrder order = inOrder(model);
        order.verify(model).includeEmptyValue();
        order.verify(model).includeAs(same(jobAuthentication), same(job), eq(StandardUsernamePasswordCredentials.class),
                same(requirements.get(UCP_URL)));
        order.verify(model).includeCurrentValue("ucp-admin");
        verifyNoMoreInteractions(model);
    }

    @Test
    void outsideAJobOnlyAdministratorsSeeTheUcpList() {
        backup.doFillUcpCredentialsIdItems(null, UCP_URL, "ucp-admin");

        StandardListBoxModel model = theListBox();
        verify(jenkins).hasPermission(Jenkins.ADMINISTER);
        verify(model).includeCurrentValue("ucp-admin");
        verifyNoMoreInteractions(model);
        credentials.verifyNoInteractions();
    }

    @Test
    void checkingTheUcpCredentialNeedsTheSameRightsAndNamesUcp() {
        assertThat(forms.of(backup.doCheckUcpCredentialsId(job, UCP_URL, "anything"))).isEqualTo(Shown.ok());
        credentials.verifyNoInteractions();

        when(job.hasPermission(CredentialsProvider.USE_ITEM)).thenReturn(true);
        assertThat(forms.of(backup.doCheckUcpCredentialsId(job, UCP_URL, ""))).isEqualTo(Shown.error(
                "Required: 'Username with password' credential (a UCP/MKE administrator and their password)"));
        CredentialsMatcher withId = mock(CredentialsMatcher.class);
        matchers.when(() -> CredentialsMatchers.withId("dtr-admin")).thenReturn(withId);
        credentials.when(() -> CredentialsProvider.listCredentialsInItem(any(), any(), any(), any(), any()))
                .thenReturn(new ListBoxModel());
        assertThat(forms.of(backup.doCheckUcpCredentialsId(job, UCP_URL, "dtr-admin"))).isEqualTo(Shown.warning(
                "No 'Username with password' credential (a UCP/MKE administrator and their password) with id 'dtr-admin'"
                        + " is visible to this job for https://ucp.example.com"));
        credentials.verify(() -> CredentialsProvider.listCredentialsInItem(eq(StandardUsernamePasswordCredentials.class),
                same(job), same(jobAuthentication), same(requirements.get(UCP_URL)), same(withId)));
    }

    @Test
    void everyBootstrapperStepDescriptorChecksTheDtrAndUcpFields() {
        for (BootstrapperStepDescriptor d : List.of(new DtrBackupStep.DescriptorImpl(), new DtrRestoreStep.DescriptorImpl(),
                new DtrReconfigureStep.DescriptorImpl())) {
            assertThat(forms.of(d.doCheckUrl("http://dtr.lab")).kind()).isEqualTo(FormValidation.Kind.WARNING);
            assertThat(forms.of(d.doCheckUcpUrl("https://admin:pw@ucp")).kind()).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(forms.of(d.doCheckUcpUrl(UCP_URL))).isEqualTo(Shown.ok());
            assertThat(forms.of(d.doCheckUcpCaCertificate("", false)).kind()).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(forms.of(d.doCheckUcpCaCertificate("", true))).isEqualTo(Shown.ok());
            assertThat(forms.of(d.doCheckUcpCaCertificate(PEM, false))).isEqualTo(Shown.ok());
            assertThat(forms.of(d.doCheckUcpCaCertificate(PEM, true)).kind()).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(forms.of(d.doCheckReplicaId("a1b2c3d4e5f6"))).isEqualTo(Shown.ok());
            assertThat(forms.of(d.doCheckReplicaId("")).kind()).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(forms.of(d.doCheckImage(""))).isEqualTo(Shown.ok());
            assertThat(forms.of(d.doCheckImage("docker/dtr:latest")).kind()).isEqualTo(FormValidation.Kind.ERROR);
        }
    }

    @Test
    void theTagStepsAndTheGcFilesAreChecked() {
        DtrApiStepDescriptor snapshot = new DtrSnapshotTagsStep.DescriptorImpl();
        assertThat(forms.of(snapshot.doCheckUrl("https://dtr.example.com"))).isEqualTo(Shown.ok());
        assertThat(forms.of(new DtrSnapshotTagsStep.DescriptorImpl().doCheckFile("/tmp/tags.json")).kind())
                .isEqualTo(FormValidation.Kind.ERROR);
        DtrCheckTagsStep.DescriptorImpl check = new DtrCheckTagsStep.DescriptorImpl();
        assertThat(forms.of(check.doCheckFrom("")).message()).isEqualTo("Required, a file path relative to the workspace");
        assertThat(forms.of(check.doCheckFrom("dtr-tags.json"))).isEqualTo(Shown.ok());
        assertThat(forms.of(check.doCheckStorage("")).message()).startsWith("Missing storage location");
        assertThat(forms.of(check.doCheckStorage("volume:dtr-new")).kind()).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(forms.of(check.doCheckStorage("file:///mnt/dtr-new"))).isEqualTo(Shown.ok());
        assertThat(forms.of(check.doCheckReport(""))).isEqualTo(Shown.ok());
        DtrOnlineGcStep.DescriptorImpl gc = new DtrOnlineGcStep.DescriptorImpl();
        assertThat(forms.of(gc.doCheckRestoreRecord("../dtr-restore.json")).kind()).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(forms.of(gc.doCheckTagCheck("checks/dtr-tag-check.json"))).isEqualTo(Shown.ok());
    }

    @Test
    void aRestoreWarnsWhenItWouldRefuseForWantOfProof() {
        DtrRestoreStep.DescriptorImpl d = new DtrRestoreStep.DescriptorImpl();
        assertThat(forms.of(d.doCheckStorage("volume:dtr-new", "", false)).message()).contains("(or set skipDestinationCheck");
        assertThat(forms.of(d.doCheckStorage("volume:dtr-new", "", true))).isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckStorage("volume:dtr-new", "file:///mnt/x", false))).isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckStorage("/mnt/dtr-new", "", false))).isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckCheckStorage("s3://dtr-new/registry?region=eu-west-1"))).isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckDestroy(""))).isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckDestroy("none"))).isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckDestroy("a1b2c3d4e5f6,0123456789ab"))).isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckDestroy("dtr-1"))).isEqualTo(Shown.error("'dtr-1' is not a replica id (12 lowercase hex digits)"));
        assertThat(forms.of(d.doCheckFile("backups/dtr.tar"))).isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckTagSnapshot("/tags.json")).kind()).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(forms.of(d.doCheckRecord(""))).isEqualTo(Shown.ok());
    }

    @Test
    void aReconfigureNeedsTheNewStorageReadableUnlessItReinitializesOrSkipsWithoutASource() {
        DtrReconfigureStep.DescriptorImpl d = new DtrReconfigureStep.DescriptorImpl();
        assertThat(forms.of(d.doCheckStorage("nfs://nas/dtr", "", "", false, false)).kind()).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(forms.of(d.doCheckStorage("nfs://nas/dtr", "", "", false, true))).isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckStorage("nfs://nas/dtr", "", "", true, false))).isEqualTo(Shown.ok());
        // An exact-copy proof against the source reads the new storage whatever skipDestinationCheck says.
        Shown withSource = forms.of(d.doCheckStorage("nfs://nas/dtr", "", "file:///var/lib/dtr", false, true));
        assertThat(withSource.kind()).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(withSource.message()).doesNotContain("skipDestinationCheck");
        assertThat(forms.of(d.doCheckStorage("nfs://nas/dtr", "file:///mnt/nas/dtr", "file:///var/lib/dtr", false, false)))
                .isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckStorage("", "", "", false, false)).kind()).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(forms.of(d.doCheckSource("volume:dtr")).kind()).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(forms.of(d.doCheckSource(""))).isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckCheckStorage("azure://registry/docker?account=dtrstore&legacyrootprefix=true")))
                .isEqualTo(Shown.ok());
        assertThat(forms.of(d.doCheckTagSnapshot("dtr-tags.json"))).isEqualTo(Shown.ok());
    }

    @Test
    void theActionDropDownOffersExactlyTheEngineActionsDefaultFirst() {
        assertThat(new TreeSet<>(DtrOnlineGcStep.ACTIONS)).isEqualTo(new TreeSet<>(OnlineGc.ACTIONS));
        assertThat(DtrOnlineGcStep.ACTIONS).hasSize(OnlineGc.ACTIONS.size()).first().isEqualTo(DtrOnlineGcStep.DEFAULT_ACTION);
        try (MockedConstruction<ListBoxModel> models = mockConstruction(ListBoxModel.class)) {
            ListBoxModel items = new DtrOnlineGcStep.DescriptorImpl().doFillActionItems();
            assertThat(models.constructed()).containsExactly(items);
            InOrder order = inOrder(items);
            for (String action : DtrOnlineGcStep.ACTIONS) {
                order.verify(items).add(action, action);
            }
            verify(items, never()).add(anyString());
        }
    }

    // ------------------------------------------------------------------ the storage steps

    /** Names of the matchers the mocked CredentialsMatchers made, so a test can say which kinds a list or check used. */
    final Map<CredentialsMatcher, String> matcherNames = new IdentityHashMap<>();

    CredentialsMatcher named(String name) {
        CredentialsMatcher m = mock(CredentialsMatcher.class);
        matcherNames.put(m, name);
        return m;
    }

    String names(Object[] matchers) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (Object m : matchers) {
            j.add(matcherNames.get(m));
        }
        return j.toString();
    }

    void nameMatchers() {
        matchers.when(() -> CredentialsMatchers.instanceOf(any())).thenAnswer(inv -> named(((Class<?>) inv.getArgument(0)).getSimpleName()));
        matchers.when(CredentialsMatchers::never).thenAnswer(inv -> named("never"));
        matchers.when(() -> CredentialsMatchers.withId(anyString())).thenAnswer(inv -> named("withId " + inv.getArgument(0)));
        matchers.when(() -> CredentialsMatchers.anyOf(any(CredentialsMatcher[].class)))
                .thenAnswer(inv -> named("anyOf" + names((Object[]) inv.getRawArguments()[0])));
        matchers.when(() -> CredentialsMatchers.allOf(any(CredentialsMatcher[].class)))
                .thenAnswer(inv -> named("allOf" + names((Object[]) inv.getRawArguments()[0])));
    }

    CredentialsMatcher matcherNamed(String name) {
        return argThat(m -> name.equals(matcherNames.get(m)));
    }

    static final String S3 = "s3://dtr-new/registry?region=eu-west-1";
    static final String AZURE = "azure://registry/docker?account=dtrstore";
    static final String ANY_KIND = "anyOf(AmazonWebServicesCredentials, StandardUsernamePasswordCredentials, StringCredentials,"
            + " AzureStorageAccount)";

    final StorageStepDescriptor copy = new DtrCopyStorageStep.DescriptorImpl();
    final StorageStepDescriptor verifyStorage = new DtrVerifyStorageStep.DescriptorImpl();

    @Test
    void theStorageCredentialListsOfferTheKindsTheirLocationAccepts() {
        nameMatchers();
        when(job.hasPermission(Item.EXTENDED_READ)).thenReturn(true);

        List<Runnable> fills = List.of(
                () -> copy.doFillFromCredentialsIdItems(job, S3, "aws"),
                () -> copy.doFillToCredentialsIdItems(job, " " + AZURE + " ", "sas"),
                () -> verifyStorage.doFillFromCredentialsIdItems(job, "", null),
                () -> verifyStorage.doFillToCredentialsIdItems(job, "volume:not-a-location", "x"),
                () -> copy.doFillFromCredentialsIdItems(job, "file:///var/lib/dtr", ""));
        List<String> expected = List.of("anyOf(AmazonWebServicesCredentials, StandardUsernamePasswordCredentials)",
                "anyOf(StandardUsernamePasswordCredentials, StringCredentials, AzureStorageAccount)", ANY_KIND, ANY_KIND, "never");
        List<String> current = List.of("aws", "sas", "", "x", "");
        for (int i = 0; i < fills.size(); i++) {
            fills.get(i).run();
            assertThat(listBoxes.constructed()).hasSize(i + 1);
            StandardListBoxModel model = listBoxes.constructed().get(i);
            InOrder order = inOrder(model);
            order.verify(model).includeEmptyValue();
            // Not narrowed by a domain: the step resolves the id without one.
            order.verify(model).includeMatchingAs(same(jobAuthentication), same(job), eq(StandardCredentials.class),
                    same(requirements.get(null)), matcherNamed(expected.get(i)));
            order.verify(model).includeCurrentValue(current.get(i));
            verifyNoMoreInteractions(model);
        }
        uriRequirements.verify(() -> URIRequirementBuilder.fromUri(anyString()), never());
    }

    @Test
    void outsideAJobOnlyAdministratorsSeeTheStorageLists() {
        nameMatchers();
        ListBoxModel items = copy.doFillToCredentialsIdItems(null, S3, "aws");

        StandardListBoxModel model = theListBox();
        assertThat(items).isSameAs(model);
        verify(jenkins).hasPermission(Jenkins.ADMINISTER);
        verify(model).includeCurrentValue("aws");
        verifyNoMoreInteractions(model);
    }

    @Test
    void aStorageCredentialIsCheckedByTheStepsOwnRuleFirst() {
        // No right to list credentials: the location's rule still applies, as it reveals nothing.
        assertThat(forms.of(copy.doCheckFromCredentialsId(job, "file:///var/lib/dtr", "nfs-creds"))).isEqualTo(Shown.error(
                "From is a filesystem location, which needs no credentials; remove fromCredentialsId"));
        assertThat(forms.of(verifyStorage.doCheckToCredentialsId(job, AZURE, " ")).message()).startsWith("Required for Azure: ");
        assertThat(forms.of(copy.doCheckFromCredentialsId(job, "file:///var/lib/dtr", ""))).isEqualTo(Shown.ok());
        assertThat(forms.of(copy.doCheckToCredentialsId(job, S3, ""))).isEqualTo(Shown.ok());
        assertThat(forms.of(copy.doCheckToCredentialsId(job, "", ""))).isEqualTo(Shown.ok());
        assertThat(forms.of(copy.doCheckToCredentialsId(job, S3, "anything"))).isEqualTo(Shown.ok());
        credentials.verifyNoInteractions();
    }

    @Test
    void anUnknownStorageCredentialIsAWarningNamingTheKindsTheLocationAccepts() {
        nameMatchers();
        when(job.hasPermission(CredentialsProvider.USE_ITEM)).thenReturn(true);
        credentials.when(() -> CredentialsProvider.listCredentialsInItem(any(), any(), any(), any(), any()))
                .thenReturn(new ListBoxModel());

        Shown s = forms.of(verifyStorage.doCheckFromCredentialsId(job, AZURE, " dtr-sas "));

        assertThat(s).isEqualTo(Shown.warning("No Azure storage account credential, 'Secret text' (connection string, SAS"
                + " token or account key) or 'Username with password' (account name / key) with id 'dtr-sas' is visible to this job"));
        credentials.verify(() -> CredentialsProvider.listCredentialsInItem(eq(StandardCredentials.class), same(job),
                same(jobAuthentication), same(requirements.get(null)),
                matcherNamed("allOf(withId dtr-sas, anyOf(StandardUsernamePasswordCredentials, StringCredentials, AzureStorageAccount))")));

        // An invalid location: its own check reports it; the id is looked for among every kind.
        assertThat(forms.of(copy.doCheckToCredentialsId(job, "volume:dtr", "x")).message()).startsWith("No storage credential (AWS,");
        credentials.verify(() -> CredentialsProvider.listCredentialsInItem(any(), any(), any(), any(),
                matcherNamed("allOf(withId x, " + ANY_KIND + ")")));
    }

    @Test
    void aVisibleStorageCredentialIsFine() {
        nameMatchers();
        when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
        ListBoxModel one = new ListBoxModel();
        one.add(new ListBoxModel.Option("AKIA… (dtr)", "dtr-aws"));
        credentials.when(() -> CredentialsProvider.listCredentialsInItem(any(), any(), any(), any(), any())).thenReturn(one);

        assertThat(forms.of(copy.doCheckToCredentialsId(null, S3, "dtr-aws"))).isEqualTo(Shown.ok());
        credentials.verify(() -> CredentialsProvider.listCredentialsInItem(eq(StandardCredentials.class), (Item) isNull(), isNull(),
                same(requirements.get(null)),
                matcherNamed("allOf(withId dtr-aws, anyOf(AmazonWebServicesCredentials, StandardUsernamePasswordCredentials))")));
    }

    @Test
    void storageFieldsAreCheckedByTheStepsOwnParsers() {
        for (StorageStepDescriptor d : List.of(copy, verifyStorage)) {
            assertThat(forms.of(d.doCheckFrom("")).message()).startsWith("Missing storage location");
            assertThat(forms.of(d.doCheckFrom("file:///var/lib/dtr"))).isEqualTo(Shown.ok());
            assertThat(forms.of(d.doCheckTo("volume:dtr-new")).kind()).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(forms.of(d.doCheckTo(S3))).isEqualTo(Shown.ok());
            assertThat(forms.of(d.doCheckConcurrency("64"))).isEqualTo(Shown.ok());
            assertThat(forms.of(d.doCheckConcurrency(" 1024 "))).isEqualTo(Shown.ok());
            assertThat(forms.of(d.doCheckConcurrency("0"))).isEqualTo(Shown.error("Must be between 1 and 1024, got 0"));
            assertThat(forms.of(d.doCheckConcurrency("many"))).isEqualTo(Shown.error(
                    "A whole number from 1 to 1024 (default " + org.dtrmigration.copy.CopyOptions.DEFAULT_CONCURRENCY + "), got 'many'"));
            assertThat(forms.of(d.doCheckConcurrency("")).kind()).isEqualTo(FormValidation.Kind.ERROR);
        }
        DtrCopyStorageStep.DescriptorImpl c = new DtrCopyStorageStep.DescriptorImpl();
        assertThat(forms.of(c.doCheckShard(""))).isEqualTo(Shown.ok());
        assertThat(forms.of(c.doCheckShard("2/4"))).isEqualTo(Shown.ok());
        assertThat(forms.of(c.doCheckShard("5/4"))).isEqualTo(Shown.error("The shard number must be between 1 and 4, got 5"));
        assertThat(forms.of(c.doCheckShard("half")).message()).startsWith("Expected I/N with 1 <= I <= N <= ");
        DtrVerifyStorageStep.DescriptorImpl v = new DtrVerifyStorageStep.DescriptorImpl();
        assertThat(forms.of(v.doCheckReport(""))).isEqualTo(Shown.ok());
        assertThat(forms.of(v.doCheckReport("reports/verify.txt"))).isEqualTo(Shown.ok());
        assertThat(forms.of(v.doCheckReport("../verify.txt")).kind()).isEqualTo(FormValidation.Kind.ERROR);
    }
}
