package org.dtrmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsApiTest {
    static final String R1 = "aaaaaaaaaaa1";
    static final String R2 = "bbbbbbbbbbb2";

    @TempDir
    Path dir;
    DtrSimulator sim;
    Api api;

    @BeforeEach
    void start() throws IOException {
        sim = Sims.builder(dir).replicaIds(R1, R2).start();
        api = new Api(sim.url());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode submit(String body) throws IOException {
        Api.Reply reply = api.post("/api/v0/jobs", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json();
    }

    private List<JsonNode> logs(String id, String query) throws IOException {
        Api.Reply reply = api.get("/api/v0/jobs/" + id + "/logs" + query);
        assertThat(reply.status()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        reply.json().forEach(lines::add);
        return lines;
    }

    @Test
    void submittedJobHasDtrFieldsAndStartsWaiting() throws IOException {
        JsonNode job = submit("{\"action\":\"poll_mirror\",\"parameters\":{\"repository\":\"team/app\"},\"deadline\":\"30m\"}");
        for (String field : List.of("id", "retryFromID", "workerID", "status", "scheduledAt", "lastUpdated", "action",
                "retriesLeft", "parameters", "deadline", "stopTimeout", "capacityMap")) {
            assertThat(job.has(field)).as(field).isTrue();
        }
        assertThat(job.path("status").asText()).isEqualTo("waiting");
        assertThat(job.path("workerID").asText()).isEmpty();
        assertThat(job.path("retryFromID").asText()).as("a first attempt names itself").isEqualTo(job.path("id").asText());
        assertThat(job.path("action").asText()).isEqualTo("poll_mirror");
        assertThat(job.path("parameters").path("repository").asText()).isEqualTo("team/app");
        assertThat(job.path("deadline").asText()).isEqualTo("30m");
        assertThat(job.path("scheduledAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void jobRunsThroughItsStatesWithLogLinesAppearingOverTime() throws Exception {
        sim.faults().jobStepDelay(Duration.ofSeconds(2));
        JsonNode job = submit("{\"action\":\"poll_mirror\"}");
        String id = job.path("id").asText();
        Set<String> seen = new LinkedHashSet<>(List.of(job.path("status").asText()));
        JsonNode running = api.await("/api/v0/jobs/" + id, r -> {
            seen.add(r.json().path("status").asText());
            return r.json().path("status").asText().equals("running");
        }).json();
        assertThat(running.path("workerID").asText()).isIn(R1, R2);
        api.await("/api/v0/jobs/" + id + "/logs", r -> r.json().size() >= 1);
        List<JsonNode> early = logs(id, "");
        assertThat(early).hasSize(1);
        assertThat(api.get("/api/v0/jobs/" + id).json().path("status").asText()).isEqualTo("running");
        sim.faults().jobStepDelay(null);
        JsonNode done = api.awaitJob(id);
        seen.add(done.path("status").asText());
        assertThat(seen).containsExactly("waiting", "running", "done");
        List<JsonNode> all = logs(id, "");
        assertThat(all).hasSizeGreaterThan(early.size());
        assertThat(all).extracting(l -> l.path("lineNum").asInt()).containsExactly(0, 1);
        JsonNode first = new ObjectMapper().readTree(all.get(0).path("data").asText());
        assertThat(first.path("level").asText()).isEqualTo("info");
        assertThat(first.path("msg").asText()).contains("poll_mirror");
    }

    @Test
    void logsHonourOffsetAndLimit() throws Exception {
        String id = submit("{\"action\":\"onlinegc_blobs\"}").path("id").asText();
        assertThat(api.awaitJob(id).path("status").asText()).isEqualTo("done");
        List<JsonNode> all = logs(id, "");
        assertThat(all.size()).isGreaterThanOrEqualTo(4);
        assertThat(logs(id, "?offset=1")).extracting(l -> l.path("lineNum").asInt())
                .containsExactlyElementsOf(all.subList(1, all.size()).stream().map(l -> l.path("lineNum").asInt()).toList());
        assertThat(logs(id, "?offset=1&limit=2")).extracting(l -> l.path("lineNum").asInt()).containsExactly(1, 2);
        assertThat(logs(id, "?offset=" + all.size())).isEmpty();
        assertThat(logs(id, "?offset=100")).isEmpty();
        assertThat(logs(id, "?limit=0")).isEmpty();
        assertThat(api.get("/api/v0/jobs/" + id + "/logs?offset=-1").status()).isEqualTo(400);
        assertThat(api.get("/api/v0/jobs/" + id + "/logs?limit=x").status()).isEqualTo(400);
    }

    @Test
    void listIsNewestFirstAndFilters() throws Exception {
        String a = submit("{\"action\":\"poll_mirror\"}").path("id").asText();
        String b = submit("{\"action\":\"tag_pruning\"}").path("id").asText();
        String c = submit("{\"action\":\"poll_mirror\"}").path("id").asText();
        for (String id : List.of(a, b, c)) {
            api.awaitJob(id);
        }
        assertThat(ids("")).containsExactly(c, b, a);
        assertThat(ids("?action=poll_mirror")).containsExactly(c, a);
        assertThat(ids("?start=1&limit=1")).containsExactly(b);
        assertThat(ids("?running=true")).isEmpty();
        assertThat(ids("?running=false&worker=any")).containsExactly(c, b, a);
        String workerOfB = api.get("/api/v0/jobs/" + b).json().path("workerID").asText();
        assertThat(ids("?worker=" + workerOfB)).contains(b);
        assertThat(api.get("/api/v0/jobs?running=maybe").status()).isEqualTo(400);
    }

    @Test
    void listLimitDefaultsToTen() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(submit("{\"action\":\"poll_mirror\"}").path("id").asText());
        }
        assertThat(ids("")).hasSize(10).first().isEqualTo(ids.get(11));
        assertThat(ids("?limit=50")).hasSize(12);
    }

    @Test
    void runningFilterShowsUnfinishedJobs() throws Exception {
        sim.faults().jobStepDelay(Duration.ofSeconds(30));
        String id = submit("{\"action\":\"poll_mirror\"}").path("id").asText();
        api.await("/api/v0/jobs/" + id, r -> r.json().path("status").asText().equals("running"));
        assertThat(ids("?running=true")).containsExactly(id);
        assertThat(ids("?running=false")).isEmpty();
        api.post("/api/v0/jobs/" + id + "/cancel", null);
        api.awaitJob(id);
    }

    private List<String> ids(String query) throws IOException {
        Api.Reply reply = api.get("/api/v0/jobs" + query);
        assertThat(reply.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().path("jobs").forEach(j -> ids.add(j.path("id").asText()));
        return ids;
    }

    @Test
    void cancelStopsARunningJob() throws Exception {
        sim.faults().jobStepDelay(Duration.ofSeconds(30));
        String id = submit("{\"action\":\"onlinegc_metadata\"}").path("id").asText();
        api.await("/api/v0/jobs/" + id, r -> r.json().path("status").asText().equals("running"));
        Api.Reply cancel = api.post("/api/v0/jobs/" + id + "/cancel", null);
        assertThat(cancel.status()).isEqualTo(204);
        assertThat(cancel.body()).isEmpty();
        JsonNode job = api.awaitJob(id);
        assertThat(job.path("status").asText()).isEqualTo("canceled");
        List<JsonNode> lines = logs(id, "");
        assertThat(lines.get(lines.size() - 1).path("data").asText()).contains("job canceled");
    }

    @Test
    void cancelOfAWaitingJobIsImmediate(@TempDir Path other) throws Exception {
        try (DtrSimulator slow = Sims.builder(other).jobStartDelay(Duration.ofMinutes(5)).start()) {
            Api slowApi = new Api(slow.url());
            String id = slowApi.post("/api/v0/jobs", "{\"action\":\"onlinegc\"}").json().path("id").asText();
            assertThat(slowApi.post("/api/v0/jobs/" + id + "/cancel", null).status()).isEqualTo(204);
            assertThat(slowApi.get("/api/v0/jobs/" + id).json().path("status").asText()).isEqualTo("canceled");
        }
    }

    @Test
    void cancellingAFinishedJobChangesNothing() throws Exception {
        String id = submit("{\"action\":\"poll_mirror\"}").path("id").asText();
        api.awaitJob(id);
        assertThat(api.post("/api/v0/jobs/" + id + "/cancel", null).status()).isEqualTo(204);
        assertThat(api.get("/api/v0/jobs/" + id).json().path("status").asText()).isEqualTo("done");
    }

    @Test
    void unknownJobsAre404() throws IOException {
        for (Api.Reply reply : List.of(api.get("/api/v0/jobs/nope"), api.get("/api/v0/jobs/nope/logs"),
                api.post("/api/v0/jobs/nope/cancel", null))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo("NO_SUCH_JOB");
        }
    }

    @Test
    void badSubmissionsAre400() throws IOException {
        assertThat(api.post("/api/v0/jobs", "{}").errorCode()).isEqualTo("INVALID_JOB");
        assertThat(api.post("/api/v0/jobs", "{\"action\":\"make_coffee\"}").errorCode()).isEqualTo("INVALID_JOB");
        assertThat(api.post("/api/v0/jobs", "{\"action\":\"poll_mirror\",\"parameters\":[1]}").errorCode()).isEqualTo("INVALID_JOB");
        assertThat(api.post("/api/v0/jobs", "{\"action\":\"poll_mirror\",\"retries\":\"3\"}").errorCode()).isEqualTo("INVALID_JOB");
        assertThat(api.post("/api/v0/jobs", "{\"action\":\"poll_mirror\",\"retries\":-1}").errorCode()).isEqualTo("INVALID_JOB");
        Api.Reply notJson = api.post("/api/v0/jobs", "action=gc");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.errorCode()).isEqualTo("INVALID_JSON");
        assertThat(sim.jobs().list(null, null, null, 0, 100)).isEmpty();
    }

    @Test
    void failedJobsWithRetriesAreFollowedByNewJobsNamingTheirPredecessor() throws Exception {
        sim.faults().failJobs("poll_mirror", 2);
        JsonNode first = submit("{\"action\":\"poll_mirror\",\"retries\":3}");
        assertThat(first.path("retriesLeft").asInt()).isEqualTo(3);
        String a = first.path("id").asText();
        Api.Reply chain = api.await("/api/v0/jobs?action=poll_mirror", r -> {
            JsonNode jobs = r.json().path("jobs");
            return jobs.size() == 3 && jobs.get(0).path("status").asText().equals("done");
        });
        JsonNode jobs = chain.json().path("jobs");
        JsonNode c = jobs.get(0);
        JsonNode b = jobs.get(1);
        JsonNode firstNow = jobs.get(2);
        assertThat(firstNow.path("id").asText()).isEqualTo(a);
        assertThat(firstNow.path("status").asText()).isEqualTo("errored");
        assertThat(b.path("status").asText()).isEqualTo("errored");
        assertThat(b.path("retryFromID").asText()).isEqualTo(a);
        assertThat(b.path("retriesLeft").asInt()).isEqualTo(2);
        assertThat(c.path("retryFromID").asText()).isEqualTo(b.path("id").asText());
        assertThat(c.path("retriesLeft").asInt()).isEqualTo(1);
        assertThat(c.path("id").asText()).isNotIn(a, b.path("id").asText());
        List<JsonNode> lines = logs(a, "");
        assertThat(lines.get(lines.size() - 1).path("data").asText()).contains("injected failure").contains("\"level\":\"error\"");
    }

    @Test
    void failedJobsWithoutRetriesStayFailed() throws Exception {
        sim.faults().failJobs("tag_pruning", 1);
        String id = submit("{\"action\":\"tag_pruning\"}").path("id").asText();
        assertThat(api.awaitJob(id).path("status").asText()).isEqualTo("errored");
        assertThat(ids("?action=tag_pruning")).containsExactly(id);
        // the fault was used up: the next run succeeds
        String next = submit("{\"action\":\"tag_pruning\"}").path("id").asText();
        assertThat(api.awaitJob(next).path("status").asText()).isEqualTo("done");
    }
}
