package org.dtrmigration.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.dtrmigration.secret.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP-level behaviour of the client: auth, error translation, retries, TLS. */
class DtrClientHttpTest {

    static final String TOKEN = "tok-3f9a-SECRET-77";
    static final ClientOptions FAST = new ClientOptions(Duration.ofSeconds(2), Duration.ofSeconds(2), 3,
            Duration.ofSeconds(20), Duration.ofMillis(10));

    MockWebServer server;
    RecordingSink events = new RecordingSink();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    DtrClient client() {
        return client(TlsOptions.verified(), server.url("/").uri());
    }

    DtrClient client(TlsOptions tls, URI url) {
        return new DtrClient(new DtrEndpoint(url, "admin", Secret.of(TOKEN), tls), FAST, events);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void sendsBasicAuthWithUsernameAndToken() throws Exception {
        server.enqueue(json(200, "{\"readOnlyRegistry\":true,\"replicaID\":\"abc123\"}"));
        try (DtrClient c = client()) {
            Settings s = c.settings();
            assertThat(s.readOnlyRegistry()).isTrue();
            assertThat(s.replicaId()).isEqualTo("abc123");
        }
        RecordedRequest r = server.takeRequest();
        assertThat(r.getPath()).isEqualTo("/api/v0/meta/settings");
        assertThat(r.getHeader("Authorization")).isEqualTo(okhttp3.Credentials.basic("admin", TOKEN));
    }

    @Test
    void unauthorizedNamesUserAndUrlButNotToken() {
        server.enqueue(json(401, "{\"errors\":[{\"code\":\"NOT_AUTHENTICATED\",\"message\":\"bad\"}]}"));
        try (DtrClient c = client()) {
            assertThatThrownBy(c::settings)
                    .isInstanceOf(DtrException.AuthenticationFailed.class)
                    .hasMessageContaining("authentication failed for user 'admin' at " + server.url("/").toString().replaceAll("/$", ""))
                    .hasMessageContaining("check the access token")
                    .hasMessageNotContaining(TOKEN);
        }
    }

    @Test
    void forbiddenSaysNotAnAdministrator() {
        server.enqueue(json(403, "{\"errors\":[{\"code\":\"NOT_AUTHORIZED\"}]}"));
        try (DtrClient c = client()) {
            assertThatThrownBy(c::clusterStatus)
                    .isInstanceOf(DtrException.PermissionDenied.class)
                    .hasMessageContaining("user 'admin' is not a DTR/MSR administrator");
        }
    }

    @Test
    void notFoundWithoutDtrErrorMeansWrongUrl() {
        server.enqueue(new MockResponse().setResponseCode(404).setHeader("Content-Type", "text/html").setBody("<html>nope</html>"));
        try (DtrClient c = client()) {
            assertThatThrownBy(c::version)
                    .isInstanceOf(DtrException.NotDtr.class)
                    .hasMessageContaining("does not look like a DTR/MSR API")
                    .hasMessageContaining("/api/v0/docs.json");
        }
    }

    @Test
    void dtrErrorCodesAreKept() {
        server.enqueue(json(404, "{\"errors\":[{\"code\":\"NO_SUCH_REPOSITORY\",\"message\":\"repository does not exist\"}]}"));
        try (DtrClient c = client()) {
            assertThatThrownBy(() -> c.tags(new Repository("ns", "gone")))
                    .isInstanceOfSatisfying(DtrException.ApiError.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.code()).isEqualTo("NO_SUCH_REPOSITORY");
                    })
                    .hasMessageContaining("repository does not exist");
        }
    }

    @Test
    void htmlAnswerToApiCallIsNotDtr() {
        server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/html").setBody("<html>login</html>"));
        try (DtrClient c = client()) {
            assertThatThrownBy(c::settings)
                    .isInstanceOf(DtrException.NotDtr.class)
                    .hasMessageContaining("text/html instead of JSON");
        }
    }

    @Test
    void invalidJsonIsNotDtr() {
        server.enqueue(json(200, "{not json"));
        try (DtrClient c = client()) {
            assertThatThrownBy(c::settings).isInstanceOf(DtrException.NotDtr.class).hasMessageContaining("invalid JSON");
        }
    }

    @Test
    void safeRequestsAreRetriedOn503And502() throws Exception {
        server.enqueue(json(503, "{}"));
        server.enqueue(json(502, "{}"));
        server.enqueue(json(200, "{\"info\":{\"version\":\"2.7.5\"}}"));
        try (DtrClient c = client()) {
            assertThat(c.version()).isEqualTo(DtrVersion.parse("2.7.5"));
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(events.text()).contains("retrying");
    }

    @Test
    void safeRequestsAreRetriedAfterADroppedConnection() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(json(200, "{\"crons\":[]}"));
        try (DtrClient c = client()) {
            assertThat(c.crons()).isEmpty();
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retriesAreBounded() {
        for (int i = 0; i < 10; i++) {
            server.enqueue(json(503, "{}"));
        }
        try (DtrClient c = client()) {
            assertThatThrownBy(c::settings)
                    .isInstanceOfSatisfying(DtrException.ApiError.class, e -> assertThat(e.status()).isEqualTo(503));
        }
        assertThat(server.getRequestCount()).isEqualTo(1 + FAST.maxRetries());
    }

    @Test
    void startingAJobIsNeverRepeatedWhenTheAnswerIsLost() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(json(202, "{\"id\":\"second\",\"status\":\"waiting\",\"action\":\"onlinegc_blobs\"}"));
        try (DtrClient c = client()) {
            assertThatThrownBy(() -> c.startJob("onlinegc_blobs", null))
                    .isInstanceOf(DtrException.Unreachable.class)
                    .hasMessageContaining("not safe to repeat and was not resent");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void startingAJobIsNotRetriedOn503() {
        server.enqueue(json(503, "{}"));
        server.enqueue(json(202, "{\"id\":\"second\",\"status\":\"waiting\",\"action\":\"onlinegc_blobs\"}"));
        try (DtrClient c = client()) {
            assertThatThrownBy(() -> c.startJob("onlinegc_blobs", null)).isInstanceOf(DtrException.ApiError.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void startJobPostsActionAndParsesJob() throws Exception {
        server.enqueue(json(202, "{\"id\":\"j1\",\"retryFromID\":\"\",\"workerID\":\"w\",\"status\":\"waiting\","
                + "\"action\":\"onlinegc_blobs\",\"retriesLeft\":2,\"unknownField\":1}"));
        try (DtrClient c = client()) {
            Job job = c.startJob("onlinegc_blobs", null);
            assertThat(job.id()).isEqualTo("j1");
            assertThat(job.retriesLeft()).isEqualTo(2);
            assertThat(job.isTerminal()).isFalse();
        }
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getBody().readUtf8()).isEqualTo("{\"action\":\"onlinegc_blobs\"}");
    }

    @Test
    void unreachableHostIsReportedClearly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (DtrClient c = client(TlsOptions.verified(), URI.create("http://127.0.0.1:" + port))) {
            assertThatThrownBy(c::settings)
                    .isInstanceOf(DtrException.Unreachable.class)
                    .hasMessageContaining("cannot reach http://127.0.0.1:" + port)
                    .hasMessageNotContaining(TOKEN);
        }
    }

    @Test
    void repositoriesFollowPagination() throws Exception {
        server.enqueue(json(200, "{\"repositories\":[{\"namespace\":\"a\",\"name\":\"one\"}]}").setHeader("X-Next-Page-Start", "p2"));
        server.enqueue(json(200, "{\"repositories\":[{\"namespace\":\"b\",\"name\":\"two\"}]}"));
        try (DtrClient c = client()) {
            assertThat(c.repositories()).extracting(Repository::fullName).containsExactly("a/one", "b/two");
        }
        server.takeRequest();
        assertThat(server.takeRequest().getRequestUrl().queryParameter("pageStart")).isEqualTo("p2");
    }

    @Test
    void tlsIsVerifiedAndACaBundleMakesItWork() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
        HeldCertificate serverCert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(ca).build();
        HandshakeCertificates serverCerts = new HandshakeCertificates.Builder().heldCertificate(serverCert).build();
        server.useHttps(serverCerts.sslSocketFactory(), false);
        server.enqueue(json(200, "{\"readOnlyRegistry\":false}"));
        server.enqueue(json(200, "{\"readOnlyRegistry\":false}"));
        server.enqueue(json(200, "{\"readOnlyRegistry\":false}"));
        URI url = URI.create("https://localhost:" + server.getPort());

        try (DtrClient c = client(TlsOptions.verified(), url)) {
            assertThatThrownBy(c::settings)
                    .isInstanceOf(DtrException.TlsFailure.class)
                    .hasMessageContaining("TLS verification failed for https://localhost")
                    .hasMessageContaining("CA certificate");
        }
        try (DtrClient c = client(new TlsOptions(ca.certificatePem(), false), url)) {
            assertThat(c.settings().readOnlyRegistry()).isFalse();
        }
        try (DtrClient c = client(new TlsOptions(null, true), url)) {
            assertThat(c.settings().readOnlyRegistry()).isFalse();
        }
        assertThat(events.text()).contains("TLS certificate verification is DISABLED");
    }

    @Test
    void endpointRejectsCredentialsInUrlAndMissingToken() {
        assertThatThrownBy(() -> new DtrEndpoint(URI.create("https://u:p@dtr.example.com"), "admin", Secret.of("t"), null))
                .hasMessageStartingWith("url: must not contain credentials");
        assertThatThrownBy(() -> new DtrEndpoint(URI.create("ftp://dtr.example.com"), "admin", Secret.of("t"), null))
                .hasMessageStartingWith("url: expected an https:// URL");
        assertThatThrownBy(() -> new DtrEndpoint(URI.create("https://dtr.example.com"), " ", Secret.of("t"), null))
                .hasMessageStartingWith("username: required");
        assertThatThrownBy(() -> new DtrEndpoint(URI.create("https://dtr.example.com"), "admin", null, null))
                .hasMessageStartingWith("token: required");
        assertThat(new DtrEndpoint(URI.create("https://dtr.example.com/"), "admin", Secret.of(TOKEN), null).toString())
                .doesNotContain(TOKEN).contains("https://dtr.example.com as admin");
        assertThatThrownBy(() -> new TlsOptions("not a pem", false)).hasMessageStartingWith("caCertificate:");
    }

    @Test
    void readTimeoutOnSafeRequestIsRetriedThenReported() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(json(200, "{}").setHeadersDelay(5, TimeUnit.SECONDS));
        }
        ClientOptions quick = new ClientOptions(Duration.ofSeconds(1), Duration.ofMillis(200), 1, Duration.ofSeconds(5),
                Duration.ofMillis(10));
        try (DtrClient c = new DtrClient(new DtrEndpoint(server.url("/").uri(), "admin", Secret.of(TOKEN), null), quick, events)) {
            assertThatThrownBy(c::settings).isInstanceOf(DtrException.Unreachable.class)
                    .hasMessageContaining("did not answer GET /api/v0/meta/settings in time (timeout: connect 1 s, read 0.2 s)");
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
