package io.jenkins.plugins.dtrmigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.microsoftopentechnologies.windowsazurestorage.helper.AzureStorageAccount;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeWriter;
import org.dtrmigration.layout.SyntheticImages;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.layout.TreeSpec;
import org.dtrmigration.layout.WrittenImage;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.testing.S3ProxyServer;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** dtrCopyStorage and dtrVerifyStorage with Jenkins mocked at the StepContext, against S3Proxy and the filesystem. */
class StorageStepsTest {

    static S3ProxyServer s3;

    @TempDir
    Path dir;
    StepHarness h;
    FilesystemStore source;
    String prefix;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket("steps");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(Files.createDirectories(dir.resolve("workspace")).toFile());
        source = new FilesystemStore(Files.createDirectories(dir.resolve("registry")));
        TreeGenerator.generate(source, TreeSpec.small(21).withRepositories(2));
        prefix = dir.getFileName().toString();
        h.usernamePassword("s3-keys", S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
    }

    @AfterEach
    void tearDown() {
        h.close();
        assertThat(h.console()).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    /** DTR's storage map for the S3 side, as a Jenkinsfile would write it. */
    Map<String, Object> dtrS3() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("bucket", "steps");
        params.put("region", "us-east-1");
        params.put("regionendpoint", s3.endpoint().toString());
        params.put("rootdirectory", prefix);
        return Map.of("s3", params);
    }

    /** The URI a Jenkinsfile's {@link #dtrS3()} map becomes. */
    String dtrS3Uri() {
        return "s3://steps/" + prefix + "?region=us-east-1&endpoint=" + s3.endpoint();
    }

    /** {@code dtrCopyStorage(arguments)} as a Jenkinsfile calls it: through the descriptor's newInstance. */
    static DtrCopyStorageStep copyStep(Map<String, Object> arguments) throws Exception {
        return DataBinding.newInstance(new DtrCopyStorageStep.DescriptorImpl(), DtrCopyStorageStep.class, arguments);
    }

    static DtrVerifyStorageStep verifyStep(Map<String, Object> arguments) throws Exception {
        return DataBinding.newInstance(new DtrVerifyStorageStep.DescriptorImpl(), DtrVerifyStorageStep.class, arguments);
    }

    /** Named arguments in order; a value may be null (Map.of takes none). */
    static Map<String, Object> args(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    Map<String, Object> runExecution(StorageStep step) throws Exception {
        return ((StorageStep.Execution) step.start(h.context)).run();
    }

    String from() {
        return source.root().toUri().toString();
    }

    @Test
    void copyToADtrStorageMapThenVerifyAndReSync() throws Exception {
        DtrCopyStorageStep copy = copyStep(args("from", from(), "to", dtrS3(), "toCredentialsId", "s3-keys"));
        assertThat(copy.getTo()).as("the map, as the URI the step takes").isEqualTo(dtrS3Uri());
        assertThat(copy.getFrom()).isEqualTo(from());

        Map<String, Object> result = runExecution(copy);

        assertThat(result).containsEntry("complete", true).containsEntry("dryRun", false).containsEntry("failedObjects", 0L);
        assertThat((Long) result.get("copiedObjects")).isPositive().isEqualTo(result.get("sourceObjects"));
        assertThat(h.console()).contains("Copying " + from() + " -> s3://steps/" + prefix, "copied ");
        h.credentials.verify(() -> CredentialsProvider.track(any(Run.class), any()), org.mockito.Mockito.atLeastOnce());

        DtrVerifyStorageStep verify = verifyStep(args("from", from(), "to", dtrS3Uri(), "toCredentialsId", "s3-keys", "deep", true,
                "report", "reports/verify.txt"));
        Map<String, Object> clean = runExecution(verify);
        assertThat(clean).containsEntry("clean", true).containsEntry("differenceCount", 0L).containsEntry("report", "reports/verify.txt");
        assertThat((Long) clean.get("deepChecked")).isPositive();
        assertThat(Files.readString(h.workspace.toPath().resolve("reports/verify.txt"))).contains("exact copy");

        // A tag moves in the source: verification fails the step, listing the difference; a re-run copies it.
        String repo = TreeGenerator.repositoryName(0);
        RegistryTreeWriter writer = new RegistryTreeWriter(source);
        WrittenImage other = writer.writeImage(repo, null, SyntheticImages.image(3, 1, 100, 200));
        writer.tag(repo, TreeGenerator.tagName(0), other.manifest());
        String tag = RegistryLayout.tagCurrentLink(repo, TreeGenerator.tagName(0));
        assertThatThrownBy(() -> runExecution(verify)).isInstanceOf(AbortException.class)
                .hasMessageContaining("NOT an exact copy").hasMessageContaining("CONTENT_MISMATCH " + tag)
                .hasMessageContaining("All differences: reports/verify.txt");
        assertThat(Files.readString(h.workspace.toPath().resolve("reports/verify.txt"))).contains("CONTENT_MISMATCH " + tag);

        Map<String, Object> resync = runExecution(copy);
        // The new image: config, layer and manifest blobs, two layer links, the revision link; and the tag: index and current link.
        assertThat(resync.get("copiedObjects")).isEqualTo(8L);
        assertThat(runExecution(verify)).containsEntry("clean", true);
    }

    @Test
    void dryRunMirrorAndShardsThroughTheStep() throws Exception {
        Path copyRoot = Files.createDirectories(dir.resolve("copy"));
        String to = copyRoot.toUri().toString();
        new FilesystemStore(copyRoot).write(RegistryLayout.tagCurrentLink("old/repo", "gone"), ("sha256:" + "a".repeat(64)).getBytes(StandardCharsets.US_ASCII));
        DtrCopyStorageStep dry = new DtrCopyStorageStep(from(), to);
        dry.setDryRun(true);
        dry.setDelete(true);
        Map<String, Object> planned = runExecution(dry);
        assertThat(planned).containsEntry("dryRun", true).containsEntry("deletedObjects", 1L);
        assertThat(new FilesystemStore(copyRoot).list("").toList()).hasSize(1);

        for (String shard : List.of("1/2", "2/2")) {
            DtrCopyStorageStep part = copyStep(args("from", Map.of("storage", Map.of("filesystem", Map.of("rootdirectory",
                    source.root().toString()))), "to", to, "shard", shard, "delete", true, "concurrency", 4));
            assertThat(runExecution(part)).containsEntry("complete", true);
        }
        assertThat(runExecution(new DtrVerifyStorageStep(from(), to))).containsEntry("clean", true);
    }

    @Test
    void argumentsAreCheckedOnTheControllerWithTheParameterName() throws Exception {
        assertThatThrownBy(() -> runExecution(new DtrCopyStorageStep(null, from()))).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("from: required: a location (file:///path");
        assertThatThrownBy(() -> runExecution(new DtrCopyStorageStep(from(), " "))).hasMessageStartingWith("to: required: ");
        assertThatThrownBy(() -> runExecution(new DtrCopyStorageStep(from(), "s3:///no-bucket"))).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("to: s3 location needs a bucket");
        assertThatThrownBy(() -> runExecution(new DtrCopyStorageStep(from(), from() + "copy-inside")))
                .hasMessageStartingWith("to: ").hasMessageContaining("overlaps from");
        DtrCopyStorageStep badShard = new DtrCopyStorageStep(from(), dir.resolve("x").toUri().toString());
        badShard.setShard("3/2");
        assertThatThrownBy(() -> runExecution(badShard)).hasMessageStartingWith("shard: ");
        DtrCopyStorageStep badConcurrency = new DtrCopyStorageStep(from(), dir.resolve("x").toUri().toString());
        badConcurrency.setConcurrency(0);
        assertThatThrownBy(() -> runExecution(badConcurrency)).hasMessageStartingWith("concurrency: ");
        DtrCopyStorageStep fsWithCredentials = new DtrCopyStorageStep(from(), dir.resolve("x").toUri().toString());
        fsWithCredentials.setFromCredentialsId("s3-keys");
        assertThatThrownBy(() -> runExecution(fsWithCredentials)).hasMessageStartingWith("fromCredentialsId: from is a filesystem location");
        DtrCopyStorageStep unknownId = new DtrCopyStorageStep(from(), dtrS3Uri());
        unknownId.setToCredentialsId("nope");
        assertThatThrownBy(() -> runExecution(unknownId)).hasMessage("toCredentialsId: no credential with id 'nope' is visible to migration #7");
        StringCredentials text = mock(StringCredentials.class);
        h.otherCredential("text", text);
        DtrCopyStorageStep wrongKind = new DtrCopyStorageStep(from(), dtrS3Uri());
        wrongKind.setToCredentialsId("text");
        assertThatThrownBy(() -> runExecution(wrongKind)).hasMessageContaining("toCredentialsId: credential 'text' is a StringCredentials")
                .hasMessageContaining("an S3 location needs AWS credentials or a username/password");
        DtrVerifyStorageStep escapingReport = new DtrVerifyStorageStep(from(), dtrS3Uri());
        escapingReport.setReport("../outside.txt");
        assertThatThrownBy(() -> runExecution(escapingReport)).hasMessageStartingWith("report: ");
        DtrCopyStorageStep azureWithout = new DtrCopyStorageStep(from(), "azure://registry/dtr?account=myaccount");
        assertThatThrownBy(() -> runExecution(azureWithout)).hasMessageStartingWith("toCredentialsId: required for Azure");
    }

    @Test
    void wrongS3CredentialsFailTheStepCleanlyAndWriteNothing() throws Exception {
        h.usernamePassword("wrong", S3ProxyServer.ACCESS_KEY, "wrong-SECRET-77");
        DtrCopyStorageStep copy = new DtrCopyStorageStep(from(), dtrS3Uri());
        copy.setToCredentialsId("wrong");
        assertThatThrownBy(() -> runExecution(copy)).isInstanceOf(AbortException.class).hasMessageContaining("rejected the credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-SECRET-77"));
        try (ObjectStore bucket = new StoreFactory().open(s3.location("steps", prefix), s3.credentials())) {
            assertThat(bucket.list("").toList()).isEmpty();
        }
        assertThat(h.console()).doesNotContain("wrong-SECRET-77");
    }

    @Test
    void theAgentGetsResolvedSecretsThatPrintMasked() throws Exception {
        DtrCopyStorageStep copy = copyStep(args("from", from(), "to", dtrS3(), "toCredentialsId", "s3-keys", "dryRun", true));
        runExecution(copy);
        CopyStorageCallable sent;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(h.wire.get(0)))) {
            sent = (CopyStorageCallable) in.readObject();
        }
        assertThat(sent.request().to().credentials()).isInstanceOfSatisfying(S3Credentials.AccessKey.class,
                k -> assertThat(k.secretAccessKey().reveal()).isEqualTo(S3ProxyServer.SECRET_KEY));
        assertThat(sent.request().toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
        assertThat(sent.request().to().credentials().toString()).doesNotContain(S3ProxyServer.SECRET_KEY).contains("****");
    }

    // ---- credential resolution --------------------------------------------------------------------

    @Test
    void awsCredentialsAreResolvedOnTheController() throws Exception {
        AmazonWebServicesCredentials aws = mock(AmazonWebServicesCredentials.class);
        when(aws.resolveCredentials()).thenReturn(AwsSessionCredentials.create("ASIATEMP", "temp-secret", "session-token"));
        h.otherCredential("aws", aws);
        S3Location location = new S3Location("b", "", "us-east-1", null, false);
        StorageCredentials c = StorageEndpoints.credentials(h.run, location, "to", "toCredentialsId", "aws");
        assertThat(c).isInstanceOfSatisfying(S3Credentials.AccessKey.class, k -> {
            assertThat(k.accessKeyId()).isEqualTo("ASIATEMP");
            assertThat(k.secretAccessKey().reveal()).isEqualTo("temp-secret");
            assertThat(k.sessionToken().reveal()).isEqualTo("session-token");
        });
        when(aws.resolveCredentials()).thenReturn(AwsBasicCredentials.create("AKIA", "static"));
        assertThat(((S3Credentials.AccessKey) StorageEndpoints.credentials(h.run, location, "to", "toCredentialsId", "aws")).sessionToken()).isNull();
        when(aws.resolveCredentials()).thenThrow(new IllegalStateException("STS said no: secret-ish detail"));
        assertThatThrownBy(() -> StorageEndpoints.credentials(h.run, location, "to", "toCredentialsId", "aws"))
                .hasMessage("toCredentialsId: could not resolve AWS credentials 'aws': IllegalStateException");
        assertThat(StorageEndpoints.credentials(h.run, location, "to", "toCredentialsId", null)).isInstanceOf(S3Credentials.DefaultChain.class);
    }

    @Test
    void azureSecretTextIsToldApartByItsShape() throws Exception {
        AzureLocation withAccount = new AzureLocation("registry", "", "myaccount", AzureLocation.accountEndpoint("myaccount", "core.windows.net"), true);
        AzureLocation noAccount = new AzureLocation("registry", "", null, null, false);
        String key = java.util.Base64.getEncoder().encodeToString(new byte[64]);
        assertThat(StorageEndpoints.fromSecretText("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=" + key + ";", noAccount, "id", "p"))
                .isInstanceOf(AzureCredentials.ConnectionString.class);
        assertThat(StorageEndpoints.fromSecretText("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=2022&sig=x", noAccount, "id", "p"))
                .isInstanceOf(AzureCredentials.ConnectionString.class);
        assertThat(StorageEndpoints.fromSecretText("?sv=2022-11-02&ss=b&sig=abc%3D", withAccount, "id", "p")).isInstanceOf(AzureCredentials.SasToken.class);
        assertThat(StorageEndpoints.fromSecretText("sv=2022-11-02&sr=c&sig=abc", withAccount, "id", "p")).isInstanceOf(AzureCredentials.SasToken.class);
        assertThat(StorageEndpoints.fromSecretText(key, withAccount, "id", "p"))
                .isInstanceOfSatisfying(AzureCredentials.SharedKey.class, k -> assertThat(k.accountName()).isEqualTo("myaccount"));
        assertThatThrownBy(() -> StorageEndpoints.fromSecretText(key, noAccount, "id", "toCredentialsId"))
                .hasMessageStartingWith("toCredentialsId: credential 'id' holds an account key, which needs the account name");
        assertThatThrownBy(() -> StorageEndpoints.fromSecretText("hunter2-not-a-key", withAccount, "id", "p"))
                .hasMessageContaining("neither a connection string").satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));

        StringCredentials text = mock(StringCredentials.class);
        Secret secret = mock(Secret.class);
        when(secret.getPlainText()).thenReturn("?sv=1&sig=2");
        when(text.getSecret()).thenReturn(secret);
        h.otherCredential("sas", text);
        assertThat(StorageEndpoints.credentials(h.run, withAccount, "to", "toCredentialsId", "sas")).isInstanceOf(AzureCredentials.SasToken.class);

        AzureStorageAccount account = mock(AzureStorageAccount.class);
        when(account.getStorageAccountName()).thenReturn("fromplugin");
        when(account.getPlainStorageKey()).thenReturn(key);
        h.otherCredential("storage-account", account);
        assertThat(StorageEndpoints.credentials(h.run, noAccount, "to", "toCredentialsId", "storage-account"))
                .isInstanceOfSatisfying(AzureCredentials.SharedKey.class, k -> assertThat(k.accountName()).isEqualTo("fromplugin"));
        // The account name from the credential completes a location that lacks it.
        DtrCopyStorageStep step = new DtrCopyStorageStep(from(), "azure://registry/dtr");
        step.setToCredentialsId("storage-account");
        org.dtrmigration.copy.Endpoint resolved = StorageEndpoints.resolve(h.run, "to", step.getTo(), "toCredentialsId", "storage-account");
        assertThat(((AzureLocation) resolved.location()).endpoint()).hasToString("https://fromplugin.blob.core.windows.net");
    }

    // ---- a Jenkinsfile's arguments: the URI or DTR's storage map --------------------------------

    @Test
    void secretsInTheStorageMapAreIgnoredWithAWarningWhenTheStepRuns() throws Exception {
        Map<String, Object> s3params = new LinkedHashMap<>((Map<String, ?>) dtrS3().get("s3"));
        s3params.put("accesskey", "AKIA-in-map");
        s3params.put("secretkey", "map-SECRET-99");
        Map<String, Object> azure = Map.of("storage", Map.of("azure", Map.of("accountname", "dtrstore", "container", "registry",
                "accountKey", "map-SECRET-42")));
        DtrVerifyStorageStep step = verifyStep(args("from", Map.of("s3", s3params), "to", azure, "fromCredentialsId", "s3-keys"));

        assertThat(step.getFrom()).isEqualTo(dtrS3Uri());
        assertThat(step.getTo()).isEqualTo("azure://registry/?account=dtrstore&legacyrootprefix=true");
        assertThat(h.console()).as("nothing is printed before the step runs").isEmpty();
        assertThatThrownBy(() -> runExecution(step)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("toCredentialsId: required for Azure");
        assertThat(h.console()).contains(
                "WARNING: from: the storage map's 'accesskey' is ignored: keep secrets in Jenkins credentials and pass fromCredentialsId",
                "WARNING: from: the storage map's 'secretkey' is ignored",
                "WARNING: to: the storage map's 'accountKey' is ignored: keep secrets in Jenkins credentials and pass toCredentialsId");
        for (String secret : List.of("map-SECRET-99", "map-SECRET-42", "AKIA-in-map")) {
            assertThat(h.console()).doesNotContain(secret);
            assertThat(step.getFrom() + step.getTo() + step.warnings()).doesNotContain(secret);
        }
    }

    @Test
    void aStepBuiltFromAMapIsTheStepBuiltFromItsUri() throws Exception {
        Path nfs = dir.resolve("nfs share");
        Map<String, Object> byMap = arguments(copyStep(args("from", Map.of("filesystem", Map.of("rootdirectory", nfs.toString())),
                "to", Map.of("s3", Map.of("bucket", "b", "region", "us-east-1", "rootdirectory", "dtr")),
                "toCredentialsId", "s3-keys", "delete", true, "shard", "1/2", "concurrency", 8, "includeUploads", true, "dryRun", true)));
        // What the Snippet Generator would write for it; given back to a Jenkinsfile, it builds the same step.
        assertThat(byMap).containsEntry("from", nfs.toUri().toString()).containsEntry("to", "s3://b/dtr?region=us-east-1")
                .containsEntry("shard", "1/2").containsEntry("concurrency", 8).containsEntry("includeUploads", true);
        assertThat(arguments(copyStep(byMap))).isEqualTo(byMap);
        Files.createDirectories(nfs);
        assertThat(runExecution(copyStep(args("from", source.root().toString(), "to", nfs.toUri().toString(), "dryRun", true))))
                .as("a bare path works as well").containsEntry("dryRun", true);

        Map<String, Object> verify = arguments(verifyStep(args("from", new StringBuilder(from()), "to", dtrS3(), "deep", true,
                "report", "r.txt", "fromCredentialsId", "", "toCredentialsId", "s3-keys")));
        assertThat(verify).containsEntry("from", from()).containsEntry("to", dtrS3Uri()).containsEntry("fromCredentialsId", null)
                .containsEntry("deep", true).containsEntry("report", "r.txt");
        assertThat(arguments(verifyStep(verify))).isEqualTo(verify);
    }

    @Test
    void badArgumentsFailTheCallNamingTheParameter() throws Exception {
        assertThatThrownBy(() -> copyStep(args("from", from(), "to", 42))).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("to: expected a location (file:///path").hasMessageEndingWith("; got a Integer");
        assertThatThrownBy(() -> copyStep(args("from", List.of(from()), "to", from()))).hasMessageStartingWith("from: expected ");
        assertThatThrownBy(() -> copyStep(args("from", from(), "to", Map.of("gcs", Map.of("bucket", "x")))))
                .isInstanceOf(AbortException.class).hasMessageStartingWith("to: DTR storage driver 'gcs' is not supported");
        assertThatThrownBy(() -> verifyStep(args("from", Map.of("s3", Map.of("region", "us-east-1", "secretkey", "map-SECRET-7")),
                "to", from()))).isInstanceOf(AbortException.class).hasMessage("from: s3 storage configuration needs 'bucket'");
        assertThatThrownBy(() -> copyStep(args("from", from(), "to", dtrS3Uri(), "delet", true))).isInstanceOf(AbortException.class)
                .hasMessageContaining("Unknown parameter(s)").hasMessageEndingWith("delet");
        assertThatThrownBy(() -> copyStep(args("from", from(), "to", dtrS3Uri(), "shard", 2))).isInstanceOf(AbortException.class)
                .hasMessageContaining("shard");
        // Absent: the step exists, and says what is missing when it runs.
        assertThatThrownBy(() -> runExecution(copyStep(args("to", from())))).hasMessageStartingWith("from: required: ");
    }

    /** The arguments a step's getters give, as DescribableModel uninstantiates it for the Snippet Generator. */
    static Map<String, Object> arguments(StorageStep step) {
        Map<String, Object> a = args("from", step.getFrom(), "to", step.getTo(), "fromCredentialsId", step.getFromCredentialsId(),
                "toCredentialsId", step.getToCredentialsId(), "concurrency", step.getConcurrency(), "includeUploads", step.isIncludeUploads());
        if (step instanceof DtrCopyStorageStep c) {
            a.putAll(args("delete", c.isDelete(), "shard", c.getShard(), "dryRun", c.isDryRun()));
        } else if (step instanceof DtrVerifyStorageStep v) {
            a.putAll(args("deep", v.isDeep(), "report", v.getReport()));
        }
        return a;
    }
}
