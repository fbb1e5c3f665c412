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
