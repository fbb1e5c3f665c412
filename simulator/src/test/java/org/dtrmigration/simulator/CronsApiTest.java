package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CronsApiTest {
    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z")); // a Friday
    DtrSimulator sim;
    Api api;

    @BeforeEach
    void start() throws IOException {
        sim = Sims.builder(dir)
                .clock(clock)
                .cron(CronSpec.onlineGcWeekly())
                .cron(CronSpec.of("poll_mirror", "@every 30m").withRetries(2))
                .start();
        api = new Api(sim.url());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private List<String> actions() throws IOException {
        List<String> actions = new ArrayList<>();
        api.get("/api/v0/crons").json().path("crons").forEach(c -> actions.add(c.path("action").asText()));
        return actions;
    }

    @Test
    void preconfiguredCronsAreListedWithDtrFields() throws IOException {
        Api.Reply reply = api.get("/api/v0/crons");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(actions()).containsExactlyInAnyOrder("onlinegc", "poll_mirror");
        JsonNode gc = api.get("/api/v0/crons/onlinegc").json();
        for (String field : List.of("id", "action", "schedule", "retries", "capacityMap", "parameters", "deadline", "stopTimeout", "nextRun")) {
            assertThat(gc.has(field)).as(field).isTrue();
        }
        assertThat(gc.path("schedule").asText()).isEqualTo("0 0 1 * * 6");
        assertThat(gc.path("deadline").asText()).isEmpty();
        assertThat(gc.path("nextRun").asText()).isEqualTo("2024-03-02T01:00:00.000Z");
        assertThat(api.get("/api/v0/crons/poll_mirror").json().path("retries").asInt()).isEqualTo(2);
    }

    @Test
    void missingCronIs404() throws IOException {
        Api.Reply reply = api.get("/api/v0/crons/tag_pruning");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("NO_SUCH_CRON");
        assertThat(api.delete("/api/v0/crons/tag_pruning").status()).isEqualTo(404);
    }

    @Test
    void postCreatesThenUpdatesKeyedByAction() throws IOException {
        Api.Reply created = api.post("/api/v0/crons",
                "{\"action\":\"tag_pruning\",\"schedule\":\"0 30 2 * * *\",\"retries\":1,\"deadline\":\"\",\"stopTimeout\":\"\"}");
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().path("id").asText();
        assertThat(api.get("/api/v0/crons/tag_pruning").json().path("nextRun").asText()).isEqualTo("2024-03-02T02:30:00.000Z");

        Api.Reply updated = api.post("/api/v0/crons", "{\"action\":\"tag_pruning\",\"schedule\":\"0 0 4 * * *\",\"deadline\":\"45m\"}");
        assertThat(updated.status()).isEqualTo(202);
        JsonNode cron = api.get("/api/v0/crons/tag_pruning").json();
        assertThat(cron.path("id").asText()).isEqualTo(id);
        assertThat(cron.path("schedule").asText()).isEqualTo("0 0 4 * * *");
        assertThat(cron.path("deadline").asText()).isEqualTo("45m");
        assertThat(cron.path("retries").asInt()).isZero();
        assertThat(actions()).containsExactlyInAnyOrder("onlinegc", "poll_mirror", "tag_pruning");
    }

    @Test
    void savedCronCanBeRestoredFromItsOwnJson() throws IOException {
        JsonNode saved = api.get("/api/v0/crons/onlinegc").json();
        assertThat(api.delete("/api/v0/crons/onlinegc").status()).isEqualTo(204);
        assertThat(api.post("/api/v0/crons", saved.toString()).status()).as("id and nextRun are ignored on input").isEqualTo(202);
        JsonNode restored = api.get("/api/v0/crons/onlinegc").json();
        assertThat(restored.path("schedule").asText()).isEqualTo(saved.path("schedule").asText());
        assertThat(restored.path("deadline").asText()).isEqualTo(saved.path("deadline").asText());
    }

    @Test
    void invalidCronsAre400() throws IOException {
        for (String body : List.of("{\"action\":\"onlinegc\"}", "{\"schedule\":\"@daily\"}",
                "{\"action\":\"onlinegc\",\"schedule\":\"every saturday\"}", "{\"action\":\"brew\",\"schedule\":\"@daily\"}",
                "{\"action\":\"onlinegc\",\"schedule\":\"@daily\",\"deadline\":\"soon\"}",
                "{\"action\":\"onlinegc\",\"schedule\":\"@daily\",\"retries\":\"2\"}", "[]")) {
            Api.Reply reply = api.post("/api/v0/crons", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.errorCode()).as(body).isEqualTo("INVALID_CRON");
        }
        assertThat(api.post("/api/v0/crons", "{").errorCode()).isEqualTo("INVALID_JSON");
        assertThat(api.get("/api/v0/crons/onlinegc").json().path("schedule").asText()).isEqualTo("0 0 1 * * 6");
    }

    @Test
    void deleteLeavesRunningJobsAlone() throws Exception {
        sim.faults().jobStepDelay(Duration.ofSeconds(30));
        Job job = sim.fireCron("onlinegc");
        api.await("/api/v0/jobs/" + job.id(), r -> r.json().path("status").asText().equals("running"));
        assertThat(api.delete("/api/v0/crons/onlinegc").status()).isEqualTo(204);
        assertThat(api.get("/api/v0/crons/onlinegc").status()).isEqualTo(404);
        assertThat(api.get("/api/v0/jobs/" + job.id()).json().path("status").asText()).isEqualTo("running");
        sim.faults().jobStepDelay(null);
        sim.jobs().cancel(job.id());
        api.awaitJob(job.id());
    }

    @Test
    void firedCronStartsAJobWithTheCronsSettings() throws Exception {
        Job job = sim.fireCron("poll_mirror");
        assertThat(job.action()).isEqualTo("poll_mirror");
        assertThat(job.retriesLeft()).isEqualTo(2);
        assertThat(api.awaitJob(job.id()).path("status").asText()).isEqualTo("done");
    }

    @Test
    void schedulerStartsDueCronsAndMovesThemOn(@TempDir Path other) throws Exception {
        try (DtrSimulator scheduled = Sims.builder(other).clock(clock).cron(CronSpec.onlineGcWeekly())
                .cronScheduler(true).cronTick(Duration.ofMillis(20)).start()) {
            Thread.sleep(100);
            assertThat(scheduled.jobs().list("onlinegc", null, null, 0, 10)).as("not due yet").isEmpty();
            clock.set(Instant.parse("2024-03-02T01:00:00Z"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (scheduled.jobs().list("onlinegc", null, null, 0, 10).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(scheduled.jobs().list("onlinegc", null, null, 0, 10)).hasSize(1);
            assertThat(scheduled.crons().get("onlinegc").orElseThrow().nextRun()).isEqualTo(Instant.parse("2024-03-09T01:00:00Z"));
        }
    }
}
