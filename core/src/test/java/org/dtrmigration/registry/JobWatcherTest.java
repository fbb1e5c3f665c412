package org.dtrmigration.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dtrmigration.secret.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Job following and read-only waiting against scripted answers, on a fake clock. */
class JobWatcherTest {

    MockWebServer server = new MockWebServer();
    FakeClock clock = new FakeClock();
    RecordingSink events = new RecordingSink();
    /** job id -> statuses returned by successive GETs (last one repeats). */
    Map<String, List<String>> statuses = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    Map<String, List<String>> logs = new ConcurrentHashMap<>();
    List<String> jobList = new ArrayList<>();
    Map<String, Integer> retriesLeft = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getRequestUrl().encodedPath();
                if (path.equals("/api/v0/jobs")) {
                    return json("{\"jobs\":[" + String.join(",", jobList) + "]}");
                }
                if (path.endsWith("/logs")) {
                    String id = path.split("/")[4];
                    int offset = Integer.parseInt(r.getRequestUrl().queryParameter("offset"));
                    // Log lines appear over time: one more visible per status poll.
                    List<String> all = logs.getOrDefault(id, List.of());
                    int visible = Math.min(all.size(), polls.computeIfAbsent(id, k -> new AtomicInteger()).get() + 1);
                    StringBuilder b = new StringBuilder("[");
                    for (int i = offset; i < visible; i++) {
                        b.append(i > offset ? "," : "").append("{\"data\":\"").append(all.get(i)).append("\",\"lineNum\":").append(i).append('}');
                    }
                    return json(b.append(']').toString());
                }
                if (path.startsWith("/api/v0/jobs/")) {
                    String id = path.substring("/api/v0/jobs/".length());
                    List<String> s = statuses.get(id);
                    int n = polls.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
                    return json(job(id, s.get(Math.min(n, s.size() - 1)), null));
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
    }

    String job(String id, String status, String retryFrom) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"action\":\"onlinegc_blobs\",\"retriesLeft\":"
                + retriesLeft.getOrDefault(id, 0) + (retryFrom == null ? "" : ",\"retryFromID\":\"" + retryFrom + "\"") + "}";
    }

    static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    DtrClient client() {
        return new DtrClient(new DtrEndpoint(server.url("/").uri(), "admin", Secret.of("t0k"), null),
                ClientOptions.defaults().withPollInterval(Duration.ofSeconds(2)), events, clock, clock);
    }

    Job started(String id) {
        return new Job(id, null, null, "waiting", null, null, "onlinegc_blobs", retriesLeft.getOrDefault(id, 0), null, null, null);
    }

    @Test
    void streamsEveryLogLineOnceAndSucceedsOnDone() throws Exception {
        statuses.put("j1", List.of("waiting", "running", "running", "done"));
        logs.put("j1", List.of("scanning", "deleting 3 blobs", "deleted 3 blobs", "finished"));
        List<String> seen = new ArrayList<>();
        try (DtrClient c = client()) {
            JobWatcher.Outcome o = new JobWatcher(c).await(started("j1"), Duration.ofMinutes(5), seen::add);
            assertThat(o.job().isDone()).isTrue();
            assertThat(o.chain()).containsExactly("j1");
            assertThat(o.logLines()).isEqualTo(4);
        }
        assertThat(seen).containsExactly("scanning", "deleting 3 blobs", "deleted 3 blobs", "finished");
    }

    @Test
    void failsWithJobIdAndStatusUnlessDone() {
        statuses.put("j2", List.of("running", "errored"));
        try (DtrClient c = client()) {
            assertThatThrownBy(() -> new JobWatcher(c).await(started("j2"), Duration.ofMinutes(5), l -> { }))
                    .isInstanceOfSatisfying(DtrException.JobFailed.class, e -> {
                        assertThat(e.jobId()).isEqualTo("j2");
                        assertThat(e.status()).isEqualTo("errored");
                    })
                    .hasMessageContaining("job j2 (onlinegc_blobs) ended with status 'errored'");
        }
    }

    @Test
    void docsTableStatusesAreTerminalFailures() {
        for (String status : List.of("error", "cancel", "canceled", "deleted", "worker_dead", "worker_shutdown")) {
            statuses.put("s-" + status, List.of(status));
            try (DtrClient c = client()) {
                assertThatThrownBy(() -> new JobWatcher(c).await(started("s-" + status), Duration.ofMinutes(1), l -> { }))
                        .isInstanceOf(DtrException.JobFailed.class).hasMessageContaining(status);
            }
        }
    }

    @Test
    void followsRetriesToTheirEnd() throws Exception {
        retriesLeft.put("a", 1);
        statuses.put("a", List.of("running", "errored"));
        statuses.put("b", List.of("running", "done"));
        jobList.add(job("b", "running", "a"));
        jobList.add(job("a", "errored", null));
        try (DtrClient c = client()) {
            JobWatcher.Outcome o = new JobWatcher(c).await(started("a"), Duration.ofMinutes(5), l -> { });
            assertThat(o.chain()).containsExactly("a", "b");
            assertThat(o.job().id()).isEqualTo("b");
        }
        assertThat(events.text()).contains("following its retry b");
    }

    @Test
    void timesOutWithJobIdAndCurrentStatus() {
        statuses.put("slow", List.of("running"));
        try (DtrClient c = client()) {
            assertThatThrownBy(() -> new JobWatcher(c).await(started("slow"), Duration.ofMinutes(1), l -> { }))
                    .isInstanceOfSatisfying(DtrException.JobFailed.class, e -> assertThat(e.status()).isEqualTo("running"))
                    .hasMessageContaining("did not finish within 1 min");
        }
    }
}
