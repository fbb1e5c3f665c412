package io.jenkins.plugins.dtrmigration;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.dtrmigration.FormValidations.Shown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Snippet Generator's checks say what the build would say, minus the parameter name the form already shows. */
class FormChecksTest {

    final FormValidations forms = new FormValidations();

    @AfterEach
    void close() {
        forms.close();
    }

    Shown shown(hudson.util.FormValidation v) {
        return forms.of(v);
    }

    @Test
    void dtrUrlIsRequiredAndMustBeABaseUrl() {
        assertThat(shown(FormChecks.dtrUrl(" "))).isEqualTo(Shown.error("Required: the DTR/MSR URL, e.g. https://dtr.example.com"));
        assertThat(shown(FormChecks.dtrUrl(null))).isEqualTo(Shown.error("Required: the DTR/MSR URL, e.g. https://dtr.example.com"));
        assertThat(shown(FormChecks.dtrUrl("dtr.example.com")))
                .isEqualTo(Shown.error("Expected a URL with scheme, e.g. https://dtr.example.com"));
        assertThat(shown(FormChecks.dtrUrl("ftp://dtr.example.com")))
                .isEqualTo(Shown.error("Expected an https:// URL of DTR/MSR, got 'ftp://dtr.example.com'"));
        assertThat(shown(FormChecks.dtrUrl("https://dtr.example.com/?page=2")).message()).contains("without query or fragment");
        assertThat(shown(FormChecks.dtrUrl("https://dtr.example.com")).kind()).isEqualTo(hudson.util.FormValidation.Kind.OK);
        assertThat(shown(FormChecks.dtrUrl("https://dtr.example.com:4443/"))).isEqualTo(Shown.ok());
    }

    @Test
    void aUrlWithCredentialsIsRefusedWithoutEchoingThem() {
        Shown s = shown(FormChecks.dtrUrl("https://admin:hunter2-SECRET@dtr.example.com"));
        assertThat(s.kind()).isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        assertThat(s.message()).isEqualTo("Must not contain credentials; pass the username and token separately")
                .doesNotContain("hunter2-SECRET");
    }

    @Test
    void plainHttpIsAllowedButWarnedAbout() {
        Shown s = shown(FormChecks.dtrUrl("http://dtr.lab:8080"));
        assertThat(s.kind()).isEqualTo(hudson.util.FormValidation.Kind.WARNING);
        assertThat(s.message()).contains("unencrypted");
    }

    @Test
    void durationsAreParsedAsTheStepParsesThem() {
        assertThat(shown(FormChecks.duration("timeout", ""))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.duration("timeout", "2h"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.duration("timeout", "PT30M"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.duration("timeout", "soon")))
                .isEqualTo(Shown.error("'soon' is not a duration like 90s, 30m, 2h or PT30M"));
        assertThat(shown(FormChecks.duration("timeout", "0m"))).isEqualTo(Shown.error("'0m' must be a positive duration"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.json", "/etc/gc.json", "a/../../b.json"})
    void workspaceFilesMustStayInTheWorkspace(String file) {
        Shown s = shown(FormChecks.workspaceFile("file", file));
        assertThat(s).isEqualTo(Shown.error("'" + file + "' must be a path inside the workspace (relative, no '..')"));
    }

    @Test
    void aRelativeFileOrTheDefaultIsFine() {
        assertThat(shown(FormChecks.workspaceFile("file", "gc/schedule.json"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.workspaceFile("file", ""))).isEqualTo(Shown.ok());
    }

    @Test
    void storageLocationsUseTheEngineParser() {
        assertThat(shown(FormChecks.location("to", "s3://registry-bucket/docker?region=eu-west-1"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.location("to", "file:///var/lib/registry"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.location("to", "azure://registry/docker?account=dtrstore"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.location("to", "")).message()).startsWith("Missing storage location; expected ");
        assertThat(shown(FormChecks.location("to", "ftp://host/x")).message()).startsWith("Unsupported storage scheme 'ftp'");
    }

    @Test
    void aLocationWithASecretIsRefusedWithoutEchoingIt() {
        Shown s = shown(FormChecks.location("from", "s3://AKIAEXAMPLE:topsecret-SECRET@bucket/prefix"));
        assertThat(s.kind()).isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        assertThat(s.message()).contains("must not contain credentials").doesNotContain("topsecret-SECRET");
    }

    @Test
    void caCertificateMustBePemWhenGiven() {
        assertThat(shown(FormChecks.caCertificate(""))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.caCertificate("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")))
                .isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.caCertificate("my-ca.pem")))
                .isEqualTo(Shown.error("Expected PEM text starting with -----BEGIN CERTIFICATE-----"));
    }

    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void aRequiredWorkspaceFileHasNoDefault() {
        assertThat(shown(FormChecks.requiredWorkspaceFile("from", " ")))
                .isEqualTo(Shown.error("Required, a file path relative to the workspace"));
        assertThat(shown(FormChecks.requiredWorkspaceFile("from", "../tags.json")).kind())
                .isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        assertThat(shown(FormChecks.requiredWorkspaceFile("from", "dtr-backup.tar.tags.json"))).isEqualTo(Shown.ok());
    }

    @Test
    void anOptionalLocationIsBlankOrParsed() {
        assertThat(shown(FormChecks.optionalLocation("checkStorage", ""))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.optionalLocation("checkStorage", "file:///mnt/dtr-new"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.optionalLocation("checkStorage", "ftp://host/x")).message())
                .startsWith("Unsupported storage scheme 'ftp'");
    }

    @Test
    void storageTargetsUseTheBootstrapperParser() {
        assertThat(shown(FormChecks.storageTarget("storage", "", null, true, true)).message())
                .isEqualTo("Required, the new storage: volume:NAME, /host/path, nfs://host/dir, s3://bucket/prefix?… or"
                        + " azure://container/prefix?…");
        assertThat(shown(FormChecks.storageTarget("storage", "nfs://nas", null, true, true)))
                .isEqualTo(Shown.error("Expected nfs://host/exported/dir"));
        assertThat(shown(FormChecks.storageTarget("storage", "volume:bad name", null, true, true)).kind())
                .isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        // Readable from the agent: the step can prove the copy itself.
        assertThat(shown(FormChecks.storageTarget("storage", "/mnt/dtr-new", null, true, true))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.storageTarget("storage", "file:///mnt/dtr-new", null, true, true))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.storageTarget("storage", "s3://dtr-new/registry?region=eu-west-1", null, true, true)))
                .isEqualTo(Shown.ok());
    }

    @Test
    void aTargetTheAgentCannotReadIsAWarningUnlessSomethingElseProvesOrSkipsTheCopy() {
        Shown volume = shown(FormChecks.storageTarget("storage", "volume:dtr-new", " ", true, true));
        assertThat(volume).isEqualTo(Shown.warning("The agent cannot read volume dtr-new to prove it holds the copy, so the"
                + " step will refuse: give checkStorage, the same data as file:///…, s3://… or azure://… (or set"
                + " skipDestinationCheck to go on without that proof)"));
        Shown nfs = shown(FormChecks.storageTarget("storage", "nfs://nas/exports/dtr", null, true, false));
        assertThat(nfs.kind()).isEqualTo(hudson.util.FormValidation.Kind.WARNING);
        assertThat(nfs.message()).contains("NFS nfs://nas/exports/dtr").doesNotContain("skipDestinationCheck");
        assertThat(shown(FormChecks.storageTarget("storage", "volume:dtr-new", "file:///var/lib/docker/volumes/dtr-new/_data",
                true, true))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.storageTarget("storage", "volume:dtr-new", null, false, true))).isEqualTo(Shown.ok());
    }

    @Test
    void theUcpUrlFollowsTheConnectionRulesWithoutEchoingCredentials() {
        assertThat(shown(FormChecks.ucpUrl(""))).isEqualTo(Shown.error("Required, the UCP/MKE URL, e.g. https://ucp.example.com"));
        assertThat(shown(FormChecks.ucpUrl("https://ucp example.com"))).isEqualTo(Shown.error("Must not contain whitespace"));
        Shown withPassword = shown(FormChecks.ucpUrl("https://admin:hunter2-SECRET@ucp.example.com"));
        assertThat(withPassword).isEqualTo(Shown.error("Must not contain credentials; give the UCP user and password separately"));
        assertThat(shown(FormChecks.ucpUrl("https://ucp.example.com:443"))).isEqualTo(Shown.ok());
    }

    @Test
    void theUcpCaOrInsecureExactlyOne() {
        assertThat(shown(FormChecks.ucpCaCertificate("", false))).isEqualTo(Shown.error("Required, the PEM of UCP/MKE's CA"
                + " (https://UCP/ca); for a lab without it, ask for insecure TLS explicitly"));
        assertThat(shown(FormChecks.ucpCaCertificate(PEM, true))).isEqualTo(Shown.error("Give this or ucpInsecure, not both"));
        assertThat(shown(FormChecks.ucpCaCertificate("ucp-ca.pem", false)))
                .isEqualTo(Shown.error("Expected PEM text starting with -----BEGIN CERTIFICATE-----"));
        assertThat(shown(FormChecks.ucpCaCertificate(PEM, false))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.ucpCaCertificate(" ", true))).isEqualTo(Shown.ok());
    }

    @Test
    void replicaIdsAreTwelveLowercaseHexDigits() {
        assertThat(shown(FormChecks.replicaId("replicaId", "a1b2c3d4e5f6"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.replicaId("replicaId", ""))).isEqualTo(Shown.error(
                "Required, a replica id (12 hex digits, see System > Replicas or the dtr-rethink container name)"));
        assertThat(shown(FormChecks.replicaId("replicaId", "A1B2C3D4E5F6")))
                .isEqualTo(Shown.error("'A1B2C3D4E5F6' is not a replica id (12 lowercase hex digits)"));
    }

    @Test
    void bootstrapperImagesNeedAnExactSupportedVersion() {
        assertThat(shown(FormChecks.bootstrapperImage(""))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.bootstrapperImage("docker/dtr:2.7.5"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.bootstrapperImage("mirantis/dtr:2.9.4"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.bootstrapperImage("registry.example.com:5000/docker/dtr:2.6.8"))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.bootstrapperImage("docker/dtr:latest"))).isEqualTo(Shown.error("'docker/dtr:latest' is not"
                + " a DTR/MSR bootstrapper image with an exact version tag, e.g. docker/dtr:2.7.5 or mirantis/dtr:2.9.4"));
        assertThat(shown(FormChecks.bootstrapperImage("docker/dtr:2.4.1")).message())
                .isEqualTo("Version 2.4.1 is not supported; this tool handles DTR 2.5-2.7 and MSR 2.8-2.9");
    }

    @Test
    void checkRunsAnyRuleAndKeepsForeignPrefixes() {
        assertThat(shown(FormChecks.check("shard", "3/4", v -> { }))).isEqualTo(Shown.ok());
        assertThat(shown(FormChecks.check("shard", "9/4", v -> {
            throw new IllegalArgumentException("shard: index 9 is not below the count 4");
        }))).isEqualTo(Shown.error("Index 9 is not below the count 4"));
        assertThat(shown(FormChecks.check("shard", "x", v -> {
            throw new AbortException("count: must be positive");
        }))).isEqualTo(Shown.error("Count: must be positive"));
        assertThat(shown(FormChecks.check("shard", "x", v -> {
            throw new IllegalArgumentException();
        }))).isEqualTo(Shown.error("Invalid value"));
    }
}
