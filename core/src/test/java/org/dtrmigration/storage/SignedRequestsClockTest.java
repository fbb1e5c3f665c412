package org.dtrmigration.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An agent whose clock drifted: S3 refuses requests signed more than 15 minutes from its own time. The signed requests
 * take the server's time from its refusal and sign again once, as the SDK client does; a refusal that persists is
 * worded as a clock problem, not a credentials one.
 */
class SignedRequestsClockTest {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Instant LOCAL = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SKEWED = "<Error><Code>RequestTimeTooSkewed</Code>"
            + "<Message>The difference between the request time and the current time is too large.</Message></Error>";

    private static SignedRequests requests(URI bucketUrl, String accessKey, String secretKey, Clock clock) {
        return new SignedRequests(bucketUrl, "us-east-1", "s3",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)),
                StoreOptions.defaults().withMaxAttempts(1),
                ProxyConfiguration.builder().useSystemPropertyValues(false).useEnvironmentVariableValues(false).build(), clock);
    }

    private static MockWebServer started(MockWebServer mock) throws IOException {
        mock.start(InetAddress.getByName("127.0.0.1"), 0);
        return mock;
    }

    private static URI bucketOf(MockWebServer mock) {
        return URI.create("http://127.0.0.1:" + mock.getPort() + "/b/");
    }

    private static String rfc1123(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    @Test
    void aRefusedTimeIsTakenFromTheServersDateAndTheRequestIsSignedAgainOnce() throws Exception {
        Instant server = LOCAL.plus(Duration.ofMinutes(20));
        try (MockWebServer mock = started(new MockWebServer());
             SignedRequests requests = requests(bucketOf(mock), "AKIATEST", "secret", Clock.fixed(LOCAL, ZoneOffset.UTC))) {
            mock.enqueue(new MockResponse().setResponseCode(403).addHeader("Date", rfc1123(server)).setBody(SKEWED));
            mock.enqueue(new MockResponse().setResponseCode(200));
            mock.enqueue(new MockResponse().setResponseCode(200).setBody("<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>"));

            requests.put("k", "a".getBytes(StandardCharsets.UTF_8), Md5.of("a".getBytes(StandardCharsets.UTF_8), 0, 1));
            RecordedRequest refused = mock.takeRequest(5, TimeUnit.SECONDS);
            RecordedRequest again = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(refused.getHeader("X-Amz-Date")).isEqualTo(AMZ_DATE.format(LOCAL));
            assertThat(again.getHeader("X-Amz-Date")).as("signed with the server's time").isEqualTo(AMZ_DATE.format(server));
            assertThat(again.getBody().readUtf8()).isEqualTo("a");

            // Later requests start from the corrected time: no refusal needed.
            requests.list("p/", null, null);
            assertThat(mock.takeRequest(5, TimeUnit.SECONDS).getHeader("X-Amz-Date")).isEqualTo(AMZ_DATE.format(server));
            assertThat(mock.getRequestCount()).isEqualTo(3);
        }
    }

    @Test
    void aTimeRefusedAgainAfterTheCorrectionIsNotRetriedForever() throws Exception {
        try (MockWebServer mock = started(new MockWebServer());
             SignedRequests requests = requests(bucketOf(mock), "AKIATEST", "secret", Clock.fixed(LOCAL, ZoneOffset.UTC))) {
            mock.enqueue(new MockResponse().setResponseCode(403).addHeader("Date", rfc1123(LOCAL.plusSeconds(3600))).setBody(SKEWED));
            mock.enqueue(new MockResponse().setResponseCode(403).addHeader("Date", rfc1123(LOCAL.plusSeconds(7200))).setBody(SKEWED));
            mock.enqueue(new MockResponse().setResponseCode(200).setBody("never asked for"));

            assertThatThrownBy(() -> requests.list("p/", null, null))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(SignedRequests.isClockError(e)).isTrue());
            assertThat(mock.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void aRefusalWithoutAServerTimeIsNotRetried() throws Exception {
        try (MockWebServer mock = started(new MockWebServer());
             SignedRequests requests = requests(bucketOf(mock), "AKIATEST", "secret", Clock.fixed(LOCAL, ZoneOffset.UTC))) {
            // MockWebServer sends no Date header of its own.
            mock.enqueue(new MockResponse().setResponseCode(403).setBody(SKEWED));
            mock.enqueue(new MockResponse().setResponseCode(200));

            assertThatThrownBy(() -> requests.put("k", new byte[0], Md5.of(new byte[0], 0, 0))).isInstanceOf(S3Exception.class);
            assertThat(mock.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void otherRefusalsLeaveTheClockAlone() throws Exception {
        try (MockWebServer mock = started(new MockWebServer());
             SignedRequests requests = requests(bucketOf(mock), "AKIATEST", "secret", Clock.fixed(LOCAL, ZoneOffset.UTC))) {
            mock.enqueue(new MockResponse().setResponseCode(403).addHeader("Date", rfc1123(LOCAL.plusSeconds(3600)))
                    .setBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"));
            mock.enqueue(new MockResponse().setResponseCode(200));

            assertThatThrownBy(() -> requests.put("k", new byte[0], Md5.of(new byte[0], 0, 0))).isInstanceOf(S3Exception.class);
            requests.put("k", new byte[0], Md5.of(new byte[0], 0, 0));
            mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(mock.takeRequest(5, TimeUnit.SECONDS).getHeader("X-Amz-Date")).isEqualTo(AMZ_DATE.format(LOCAL));
            assertThat(mock.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void aStoreWhoseClockStaysRefusedSaysSoAndNamesNoCredentialsProblem() throws Exception {
        try (MockWebServer mock = started(new MockWebServer())) {
            for (int i = 0; i < 3; i++) {
                mock.enqueue(new MockResponse().setResponseCode(403).addHeader("Date", rfc1123(Instant.now().minusSeconds(3600))).setBody(SKEWED));
            }
            try (ObjectStore store = new S3Store(new S3Location("b", "", "us-east-1", URI.create("http://127.0.0.1:" + mock.getPort()), true),
                    S3Credentials.of("AKIATEST", Secret.of("sup3rsecret")), StoreOptions.defaults())) {
                assertThatThrownBy(() -> store.write("k", "a".getBytes(StandardCharsets.UTF_8)))
                        .isInstanceOfSatisfying(StorageAccessException.class,
                                e -> assertThat(e.reason()).isEqualTo(StorageAccessException.Reason.CLOCK_SKEW))
                        .hasMessageContaining("RequestTimeTooSkewed").hasMessageContaining("clock")
                        .hasMessageNotContaining("credentials").hasMessageNotContaining("sup3rsecret");
            }
            assertThat(mock.getRequestCount()).as("the first refusal corrects the clock, the second stands").isEqualTo(2);
        }
    }

    @Test
    void s3ProxyAcceptsWhatAClockAnHourBehindSignsOnceCorrected() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start()) {
            server.createBucket("clock");
            Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
            byte[] content = "signed an hour late".getBytes(StandardCharsets.UTF_8);
            try (SignedRequests requests = requests(URI.create(server.endpoint() + "/clock/"), S3ProxyServer.ACCESS_KEY,
                    S3ProxyServer.SECRET_KEY, behind)) {
                requests.put("skewed/k", content, Md5.of(content, 0, content.length));
                assertThat(requests.list("skewed/", null, null).objects())
                        .singleElement().satisfies(o -> {
                            assertThat(o.key()).isEqualTo("skewed/k");
                            assertThat(o.size()).isEqualTo(content.length);
                        });
                assertThat(Duration.between(Instant.now(), requests.signingClock().instant()).abs())
                        .isLessThan(Duration.ofMinutes(1));
            }
            try (ObjectStore store = new S3Store(server.location("clock", ""), server.credentials(), StoreOptions.defaults());
                 var in = store.read("skewed/k")) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
    }
}
