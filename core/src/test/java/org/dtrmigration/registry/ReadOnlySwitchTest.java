package org.dtrmigration.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dtrmigration.secret.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read-only switching waits until settings and every replica agree. */
class ReadOnlySwitchTest {

    MockWebServer server = new MockWebServer();
    FakeClock clock = new FakeClock();
    RecordingSink events = new RecordingSink();
    AtomicBoolean setting = new AtomicBoolean(false);
    /** Number of cluster_status polls after the POST before replica r2 follows; -1 never. */
    volatile int lagPolls = 2;
    AtomicInteger pollsSincePost = new AtomicInteger(-1);
    AtomicInteger posts = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getRequestUrl().encodedPath();
                if (path.equals("/api/v0/meta/settings") && r.getMethod().equals("POST")) {
                    posts.incrementAndGet();
                    setting.set(r.getBody().readUtf8().contains("true"));
                    pollsSincePost.set(0);
                    return new MockResponse().setResponseCode(202);
                }
                if (path.equals("/api/v0/meta/settings")) {
                    return json("{\"readOnlyRegistry\":" + setting.get() + "}");
                }
                if (path.equals("/api/v0/meta/cluster_status")) {
                    boolean s = setting.get();
                    int n = pollsSincePost.get() < 0 ? 0 : pollsSincePost.getAndIncrement();
                    boolean r2 = pollsSincePost.get() < 0 ? s : (lagPolls >= 0 && n >= lagPolls ? s : !s);
                    return json("{\"replica_readonly\":{\"r1\":" + s + ",\"r2\":" + r2 + "},\"gc_lock_holder\":\"\"}");
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
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
                ClientOptions.defaults().withPollInterval(Duration.ofSeconds(3)), events, clock, clock);
    }

    @Test
    void waitsForLaggingReplicas() throws Exception {
        try (DtrClient c = client()) {
            ReadOnlySwitch.Result r = new ReadOnlySwitch(c).set(true, Duration.ofMinutes(2));
            assertThat(r.enabled()).isTrue();
            assertThat(r.changed()).isTrue();
            assertThat(r.replicas()).containsEntry("r1", true).containsEntry("r2", true);
            assertThat(r.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
        }
        assertThat(posts).hasValue(1);
    }

    @Test
    void isIdempotent() throws Exception {
        try (DtrClient c = client()) {
            new ReadOnlySwitch(c).set(true, Duration.ofMinutes(2));
            ReadOnlySwitch.Result again = new ReadOnlySwitch(c).set(true, Duration.ofMinutes(2));
            assertThat(again.changed()).isFalse();
        }
        assertThat(posts).hasValue(1);
        assertThat(events.text()).contains("already on");
    }

    @Test
    void timesOutNamingTheReplicaThatDoesNotFollow() {
        lagPolls = -1;
        try (DtrClient c = client()) {
            assertThatThrownBy(() -> new ReadOnlySwitch(c).set(true, Duration.ofSeconds(30)))
                    .isInstanceOf(DtrException.Timeout.class)
                    .hasMessageContaining("did not turn on within 30 s")
                    .hasMessageContaining("[r2]");
        }
        assertThat(events.lines).anyMatch(l -> l.contains("1/2 replica(s) agree"));
    }

    @Test
    void turnsOff() throws Exception {
        setting.set(true);
        try (DtrClient c = client()) {
            assertThat(new ReadOnlySwitch(c).set(false, Duration.ofMinutes(1)).enabled()).isFalse();
        }
        assertThat(setting.get()).isFalse();
        assertThat(List.of(posts.get())).containsExactly(1);
    }
}
