package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dtrmigration.simulator.http.RequestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultsTest {
    @TempDir
    Path dir;
    DtrSimulator sim;
    Api api;

    @BeforeEach
    void start() throws IOException {
        sim = Sims.start(dir);
        api = new Api(sim.url());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void consecutiveErrorAnswersThenNormalService(int status) throws IOException {
        sim.faults().failRequests(null, "/api/v0/meta/settings", status, 2);
        for (int i = 0; i < 2; i++) {
            Api.Reply reply = api.post("/api/v0/meta/settings", "{\"readOnlyRegistry\":true}");
            assertThat(reply.status()).isEqualTo(status);
            assertThat(reply.contentType()).startsWith("text/plain");
        }
        assertThat(sim.isReadOnly()).as("failed requests had no effect").isFalse();
        assertThat(api.post("/api/v0/meta/settings", "{\"readOnlyRegistry\":true}").status()).isEqualTo(202);
        assertThat(sim.isReadOnly()).isTrue();
    }

    @Test
    void faultsMatchMethodAndWholePath() throws IOException {
        sim.faults().failRequests("POST", "/api/v0/jobs", 503, 1);
        assertThat(api.get("/api/v0/jobs").status()).as("other method").isEqualTo(200);
        assertThat(api.get("/api/v0/jobs/x").status()).as("longer path").isEqualTo(404);
        assertThat(api.post("/api/v0/jobs", "{\"action\":\"poll_mirror\"}").status()).isEqualTo(503);
        assertThat(api.post("/api/v0/jobs", "{\"action\":\"poll_mirror\"}").status()).isEqualTo(202);
    }

    @Test
    void patternsCoverFamiliesOfPaths() throws IOException {
        sim.faults().failRequests(null, "/api/v0/meta/.*", 503, 3);
        assertThat(api.get("/api/v0/meta/settings").status()).isEqualTo(503);
        assertThat(api.get("/api/v0/meta/cluster_status").status()).isEqualTo(503);
        assertThat(api.get("/api/v0/crons").status()).isEqualTo(200);
        assertThat(api.get("/api/v0/meta/features").status()).isEqualTo(503);
        assertThat(api.get("/api/v0/meta/features").status()).isEqualTo(200);
    }

    @Test
    void droppedConnectionsCloseWithoutAResponse() throws IOException {
        sim.faults().dropConnections(null, "/api/v0/meta/cluster_status", 1);
        assertThatThrownBy(() -> api.get("/api/v0/meta/cluster_status")).isInstanceOf(IOException.class);
        assertThat(api.get("/api/v0/meta/cluster_status").status()).isEqualTo(200);
        List<RequestRecord> requests = sim.requests();
        assertThat(requests).extracting(RequestRecord::status).containsExactly(-1, 200);
    }

    @Test
    void latencyDelaysAnswersUntilCleared() throws IOException {
        sim.faults().addLatency("GET", "/_ping", Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(api.get("/_ping").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        sim.faults().clear();
        assertThat(sim.faults().latencyFor("GET", "/_ping")).isZero();
    }

    @Test
    void htmlPagesLikeAMisconfiguredProxy() throws IOException {
        sim.faults().answerHtml(null, "/api/v0/.*", 200, 1);
        Api.Reply reply = api.get("/api/v0/meta/settings");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/html");
        assertThat(reply.body()).startsWith("<!DOCTYPE html>");
        assertThat(api.get("/api/v0/meta/settings").contentType()).startsWith("application/json");
    }

    @Test
    void notADtrAnswersPlain404ForTheWholeApi() throws IOException {
        sim.faults().notADtr(true);
        for (String path : List.of("/api/v0/meta/settings", "/api/v0/docs.json", "/api/v0/repositories")) {
            Api.Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("text/plain");
            assertThat(reply.body()).isEqualTo("404 page not found\n");
        }
        sim.faults().notADtr(false);
        assertThat(api.get("/api/v0/docs.json").status()).isEqualTo(200);
    }

    @Test
    void unhealthyReplicaFailsPing() throws IOException {
        sim.faults().unhealthy(true);
        Api.Reply reply = api.get("/_ping");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().path("Healthy").asBoolean()).isFalse();
        sim.faults().clear();
        assertThat(api.get("/_ping").status()).isEqualTo(200);
    }

    @Test
    void clearRemovesPendingFaults() throws IOException {
        sim.faults().failRequests(null, ".*", 503, 100);
        sim.faults().failJobs("poll_mirror", 5);
        sim.faults().clear();
        assertThat(api.get("/api/v0/meta/settings").status()).isEqualTo(200);
        assertThat(sim.faults().takeJobFailure("poll_mirror")).isFalse();
    }

    @Test
    void timesMustBePositive() {
        assertThatThrownBy(() -> sim.faults().failRequests(null, ".*", 503, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
