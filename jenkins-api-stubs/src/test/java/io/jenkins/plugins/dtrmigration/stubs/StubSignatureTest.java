package io.jenkins.plugins.dtrmigration.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every declaration compiled from the stubs must be a declaration of the real Jenkins API, as listed in
 * {@code jenkins-api-signatures.txt} (a copy of {@code /work/shared/reference/jenkins-api-signatures.txt}).
 */
class StubSignatureTest {

    /**
     * Stub types relying on the implicit default constructor. Their upstream sources (at the versions in the header of
     * the signature file) declare no constructor at all, so the real classes have exactly this implicit constructor,
     * which the file, parsed from sources, does not list. Re-check upstream before adding a type here.
     */
    static final Set<String> IMPLICIT_DEFAULT_CONSTRUCTORS = Set.of(
            "hudson.Launcher$ProcStarter",
            "hudson.model.AbstractDescribableImpl",
            "jenkins.MasterToSlaveFileCallable",
            "org.jenkinsci.remoting.RoleChecker",
            "org.jenkinsci.plugins.workflow.steps.Step",
            "org.jenkinsci.plugins.workflow.steps.StepDescriptor",
            "org.jenkinsci.plugins.workflow.steps.StepContext",
            "org.jenkinsci.plugins.workflow.steps.BodyInvoker",
            "org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback",
            "org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback$TailCall",
            "com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel",
            "com.cloudbees.plugins.credentials.common.StandardListBoxModel");

    /**
     * Private state of stubs whose real class is a plain data holder for it: {@code StepExecution} keeps the context
     * its constructor receives and {@code getContext()} returns it (so executions built with a mocked StepContext run
     * in unit tests). {@link NoBehaviourTest} allows exactly the store and the getter for these.
     */
    static final Set<String> DATA_HOLDER_FIELDS = Set.of("org.jenkinsci.plugins.workflow.steps.StepExecution#context");

    /** Types the plugin module compiles against; removing one of them must fail here, not in the plugin build. */
    static final Set<String> REQUIRED_TYPES = Set.of(
            "hudson.Extension", "hudson.ExtensionPoint", "hudson.AbortException", "hudson.EnvVars",
            "hudson.FilePath", "hudson.FilePath$FileCallable", "hudson.Launcher", "hudson.Launcher$ProcStarter",
            "hudson.Proc",
            "jenkins.YesNoMaybe", "jenkins.MasterToSlaveFileCallable", "jenkins.model.Jenkins",
            "hudson.model.TaskListener", "hudson.model.Run", "hudson.model.Job", "hudson.model.Item",
            "hudson.model.ItemGroup", "hudson.model.Describable", "hudson.model.AbstractDescribableImpl",
            "hudson.model.Descriptor", "hudson.model.Result", "hudson.model.Node", "hudson.model.Computer",
            "hudson.model.ModelObject", "hudson.model.Queue$Task", "hudson.model.queue.Tasks",
            "hudson.security.ACL", "hudson.security.AccessControlled", "hudson.security.Permission",
            "hudson.util.Secret", "hudson.util.ListBoxModel", "hudson.util.ListBoxModel$Option",
            "hudson.util.FormValidation", "hudson.util.FormValidation$Kind", "hudson.util.ArgumentListBuilder",
            "hudson.remoting.Callable", "hudson.remoting.VirtualChannel", "hudson.remoting.Future",
            "org.jenkinsci.remoting.RoleSensitive", "org.jenkinsci.remoting.RoleChecker",
            "org.jenkinsci.remoting.Role", "org.jenkinsci.remoting.SerializableOnlyOverRemoting",
            "org.jenkinsci.plugins.workflow.steps.Step", "org.jenkinsci.plugins.workflow.steps.StepDescriptor",
            "org.jenkinsci.plugins.workflow.steps.StepContext", "org.jenkinsci.plugins.workflow.steps.StepExecution",
            "org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution",
            "org.jenkinsci.plugins.workflow.steps.BodyInvoker",
            "org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback",
            "org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback$TailCall",
            "org.jenkinsci.plugins.workflow.steps.MissingContextVariableException",
            "com.cloudbees.plugins.credentials.Credentials", "com.cloudbees.plugins.credentials.CredentialsProvider",
            "com.cloudbees.plugins.credentials.CredentialsMatcher",
            "com.cloudbees.plugins.credentials.CredentialsMatchers",
            "com.cloudbees.plugins.credentials.CredentialsScope",
            "com.cloudbees.plugins.credentials.common.IdCredentials",
            "com.cloudbees.plugins.credentials.common.StandardCredentials",
            "com.cloudbees.plugins.credentials.common.UsernameCredentials",
            "com.cloudbees.plugins.credentials.common.PasswordCredentials",
            "com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials",
            "com.cloudbees.plugins.credentials.common.StandardUsernameCredentials",
            "com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials",
            "com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel",
            "com.cloudbees.plugins.credentials.common.StandardListBoxModel",
            "com.cloudbees.plugins.credentials.domains.DomainRequirement",
            "com.cloudbees.plugins.credentials.domains.URIRequirementBuilder",
            "org.jenkinsci.plugins.plaincredentials.StringCredentials",
            "com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials",
            "com.microsoftopentechnologies.windowsazurestorage.helper.AzureStorageAccount");

    static SignatureFile signatures;
    static List<Class<?>> stubs;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = StubSignatureTest.class.getResourceAsStream("/jenkins-api-signatures.txt")) {
            assertThat(in).as("jenkins-api-signatures.txt on the test classpath").isNotNull();
            signatures = SignatureFile.load(in);
        }
        stubs = StubClasses.loadAll(hudson.FilePath.class);
    }

    @Test
    void signatureFileIsTheFullReference() {
        assertThat(signatures.entries()).hasSizeGreaterThan(2500);
        assertThat(signatures.entries()).filteredOn(e -> e.kind().equals("TYPE")).hasSizeGreaterThan(150);
        assertThat(signatures.entries()).filteredOn(SignatureFile.Entry::restricted).isNotEmpty();
    }

    @Test
    void scanFindsAllStubClasses() {
        assertThat(StubClasses.rootOf(hudson.FilePath.class).toString())
                .as("stubs are read from the module's own output, not from test classes")
                .doesNotContain("test-classes");
        assertThat(stubs).as("stub classes found").hasSizeGreaterThan(50);
        assertThat(stubs.stream().map(Class::getName).collect(Collectors.toSet())).containsAll(REQUIRED_TYPES);
    }

    @Test
    void everyStubDeclarationIsInTheRealApi() {
        List<String> problems = new StubChecker(signatures, IMPLICIT_DEFAULT_CONSTRUCTORS, DATA_HOLDER_FIELDS).check(stubs);
        assertThat(problems)
                .as("stub declarations that are not in jenkins-api-signatures.txt (or are @Restricted there)")
                .isEmpty();
    }

    @Test
    void everyAllowListedImplicitConstructorBelongsToAStubWithoutListedConstructors() {
        Set<String> names = stubs.stream().map(Class::getName).collect(Collectors.toSet());
        assertThat(names).containsAll(IMPLICIT_DEFAULT_CONSTRUCTORS);
        assertThat(IMPLICIT_DEFAULT_CONSTRUCTORS).noneMatch(signatures::hasConstructors);
    }
}
