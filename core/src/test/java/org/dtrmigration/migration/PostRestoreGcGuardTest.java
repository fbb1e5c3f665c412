package org.dtrmigration.migration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostRestoreGcGuardTest {

    static final String URL = "https://dtr.example.com";
    static final Instant RESTORED = Instant.parse("2024-05-01T12:00:00Z");
    static final RestoreRecord RESTORE = new RestoreRecord(URL, RESTORED, "backup.tar", "ab", "docker/dtr:2.7.5", "s3://b/p");

    static TagCheckReport report(String url, Instant at, boolean api, List<String> missing) {
        return new TagCheckReport(url, at, "s3://b/p", RESTORED.minusSeconds(600), 10, api, 30, 0, missing, List.of(), List.of(),
                List.of(), List.of());
    }

    @Test
    void withoutARestoreGcRunsAsBefore() {
        assertThatCode(() -> PostRestoreGcGuard.check("onlinegc_blobs", URL, Optional.empty(), Optional.empty(), "r.json"))
                .doesNotThrowAnyException();
    }

    @Test
    void afterARestoreOnlyAPassingApiCheckNewerThanTheRestoreLetsItRun() {
        assertThatThrownBy(() -> PostRestoreGcGuard.check("onlinegc_blobs", URL + "/", Optional.of(RESTORE), Optional.empty(),
                "dtr-tag-check.json"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("deletes every blob the restored metadata does not reference")
                .hasMessageContaining("Run the tag check first");
        assertThatThrownBy(() -> PostRestoreGcGuard.check("onlinegc_blobs", URL, Optional.of(RESTORE),
                Optional.of(report(URL, RESTORED.minusSeconds(1), true, List.of())), "r.json"))
                .hasMessageContaining("older than the restore");
        assertThatThrownBy(() -> PostRestoreGcGuard.check("onlinegc", URL, Optional.of(RESTORE),
                Optional.of(report(URL, RESTORED.plusSeconds(1), false, List.of())), "r.json"))
                .hasMessageContaining("checked storage only");
        assertThatThrownBy(() -> PostRestoreGcGuard.check("onlinegc_blobs", URL, Optional.of(RESTORE),
                Optional.of(report("https://other", RESTORED.plusSeconds(1), true, List.of())), "r.json"))
                .hasMessageContaining("is for https://other");
        assertThatThrownBy(() -> PostRestoreGcGuard.check("onlinegc_blobs", URL, Optional.of(RESTORE),
                Optional.of(report(URL, RESTORED.plusSeconds(1), true, List.of("team/app:v1 (was sha256:…)"))), "r.json"))
                .hasMessageContaining("FAILED")
                .hasMessageContaining("team/app:v1");
        assertThatCode(() -> PostRestoreGcGuard.check("onlinegc_blobs", URL, Optional.of(RESTORE),
                Optional.of(report(URL, RESTORED.plusSeconds(1), true, List.of())), "r.json"))
                .doesNotThrowAnyException();
    }

    @Test
    void metadataGcIsNotHeldBackButAFailedCheckStopsAnyGc() {
        assertThatCode(() -> PostRestoreGcGuard.check("onlinegc_metadata", URL, Optional.of(RESTORE), Optional.empty(), "r"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PostRestoreGcGuard.check("gc", URL, Optional.empty(),
                Optional.of(report(URL, RESTORED, true, List.of("x"))), "r"))
                .isInstanceOf(RefusedException.class);
    }
}
