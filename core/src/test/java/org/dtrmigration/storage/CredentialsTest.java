package org.dtrmigration.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.dtrmigration.secret.Secret;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final AzureLocation AZURE = new AzureLocation("registry", "", "acct", URI.create("https://acct.blob.core.windows.net"), false);
    private static final S3Location S3 = new S3Location("bucket", "", "us-east-1", null, false);

    @Test
    void secretMasksItself() throws Exception {
        Secret secret = Secret.of("hunter2");
        assertThat(secret.toString()).isEqualTo("****");
        assertThat(secret.reveal()).isEqualTo("hunter2");
        assertThat(secret).isEqualTo(Secret.of("hunter2")).isNotEqualTo(Secret.of("hunter3"));
        assertThat(secret.hashCode()).isEqualTo(Secret.of("other").hashCode());
        assertThat(StorageLocationParserTest.roundTrip(secret)).isEqualTo(secret);
        assertThat(Secret.redact("key hunter2 leaked", java.util.List.of(secret))).isEqualTo("key **** leaked");
        assertThat(Secret.ofNullable("")).isNull();
    }

    @Test
    void credentialValuesPrintMasked() throws Exception {
        StorageCredentials[] all = {
            new S3Credentials.AccessKey("AKIAEXAMPLE", Secret.of("s3-secret-zq9"), Secret.of("session-token-zq9")),
            new AzureCredentials.SharedKey("acct", Secret.of("azure-key-zq9")),
            new AzureCredentials.SasToken(Secret.of("sv=2020&sig=sas-signature-zq9")),
            new AzureCredentials.ConnectionString(Secret.of("AccountName=acct;AccountKey=conn-key-zq9;")),
        };
        for (StorageCredentials credentials : all) {
            assertThat(credentials.toString()).contains("****").doesNotContain("zq9");
            assertThat(StorageLocationParserTest.roundTrip(credentials)).isEqualTo(credentials);
        }
        assertThat(all[2].secrets()).contains(Secret.of("sas-signature-zq9"));
        assertThat(all[3].secrets()).contains(Secret.of("conn-key-zq9"));
    }

    @Test
    void s3FromEnvironment() {
        StorageCredentials keys = new EnvironmentCredentials(Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", "s3cr3t",
                "AWS_SESSION_TOKEN", "tok")).resolve(S3, "--to");
        assertThat(keys).isEqualTo(new S3Credentials.AccessKey("AKIA1", Secret.of("s3cr3t"), Secret.of("tok")));
        assertThat(new EnvironmentCredentials(Map.of("AWS_PROFILE", "migration")).resolve(S3, "--to"))
                .isEqualTo(new S3Credentials.DefaultChain("migration"));
        assertThat(new EnvironmentCredentials(Map.of()).resolve(S3, "--to")).isEqualTo(new S3Credentials.DefaultChain(null));
        assertThatThrownBy(() -> new EnvironmentCredentials(Map.of("AWS_ACCESS_KEY_ID", "AKIA1")).resolve(S3, "--to"))
                .hasMessage("--to: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    }

    @Test
    void azureFromEnvironment() {
        assertThat(new EnvironmentCredentials(Map.of("AZURE_STORAGE_CONNECTION_STRING", "AccountName=a;AccountKey=k",
                "AZURE_STORAGE_KEY", "ignored")).resolve(AZURE, "--to"))
                .isEqualTo(new AzureCredentials.ConnectionString(Secret.of("AccountName=a;AccountKey=k")));
        assertThat(new EnvironmentCredentials(Map.of("AZURE_STORAGE_KEY", "k")).resolve(AZURE, "--to"))
                .isEqualTo(new AzureCredentials.SharedKey("acct", Secret.of("k")));
        assertThat(new EnvironmentCredentials(Map.of("AZURE_STORAGE_SAS_TOKEN", "?sv=1&sig=x")).resolve(AZURE, "--to"))
                .isEqualTo(new AzureCredentials.SasToken(Secret.of("?sv=1&sig=x")));
        assertThatThrownBy(() -> new EnvironmentCredentials(Map.of()).resolve(AZURE, "--to"))
                .hasMessageStartingWith("--to: no Azure credentials: set AZURE_STORAGE_CONNECTION_STRING");
        assertThatThrownBy(() -> new EnvironmentCredentials(Map.of("AZURE_STORAGE_ACCOUNT", "other", "AZURE_STORAGE_KEY", "k"))
                .resolve(AZURE, "--to")).hasMessageContaining("AZURE_STORAGE_ACCOUNT is 'other' but the location names account 'acct'");
        assertThat(new EnvironmentCredentials(Map.of()).resolve(new FilesystemLocation("/x"), "--to")).isEqualTo(StorageCredentials.none());
    }

    @Test
    void factoryRejectsCredentialsOfTheWrongKind() {
        StoreFactory factory = new StoreFactory();
        assertThatThrownBy(() -> factory.open(S3, new AzureCredentials.SharedKey("acct", Secret.of("k"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs S3 credentials");
        assertThatThrownBy(() -> factory.open(AZURE, StorageCredentials.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs Azure credentials");
    }

    @Test
    void etagToMd5() {
        assertThat(Md5.fromEtag("\"D41D8CD98F00B204E9800998ECF8427E\"")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(Md5.fromEtag("\"d41d8cd98f00b204e9800998ecf8427e-4\"")).isNull();
        assertThat(Md5.fromEtag(null)).isNull();
    }
}
