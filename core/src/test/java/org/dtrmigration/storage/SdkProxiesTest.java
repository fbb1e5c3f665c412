package org.dtrmigration.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/** The signed S3 requests leave through the proxy the SDK client is configured with, as the SDK would. */
class SdkProxiesTest {

    private static final URI BUCKET = URI.create("http://s3.example.invalid:9000/b/");

    private static SignedRequests requests(ProxyConfiguration proxy) {
        return new SignedRequests(BUCKET, "us-east-1", "s3", StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")),
                StoreOptions.defaults().withMaxAttempts(1), proxy, java.time.Clock.systemUTC());
    }

    private static ProxyConfiguration.Builder onlyExplicit() {
        return ProxyConfiguration.builder().useSystemPropertyValues(false).useEnvironmentVariableValues(false);
    }

    @Test
    void putsGoThroughTheProxyAndAnswerItsChallengeWithItsCredentials() throws Exception {
        try (MockWebServer proxy = new MockWebServer()) {
            proxy.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
            proxy.enqueue(new MockResponse().setResponseCode(200));
            proxy.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            ProxyConfiguration configuration = onlyExplicit().endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()))
                    .username("alice").password("pw").build();
            try (SignedRequests requests = requests(configuration)) {
                requests.put("docker/k", "a".getBytes(StandardCharsets.UTF_8), Md5.of("a".getBytes(StandardCharsets.UTF_8), 0, 1));
            }
            RecordedRequest challenged = proxy.takeRequest(5, TimeUnit.SECONDS);
            assertThat(challenged.getRequestLine()).startsWith("PUT http://s3.example.invalid:9000/b/docker/k HTTP/1.1");
            assertThat(challenged.getHeader("Proxy-Authorization")).isNull();
            RecordedRequest answered = proxy.takeRequest(5, TimeUnit.SECONDS);
            assertThat(answered.getHeader("Proxy-Authorization"))
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8)));
            assertThat(answered.getBody().readUtf8()).isEqualTo("a");
        }
    }

    @Test
    void hostsMatchingANonProxyPatternGoDirect() throws Exception {
        try (MockWebServer proxy = new MockWebServer()) {
            proxy.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            ProxyConfiguration configuration = onlyExplicit().endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()))
                    .nonProxyHosts(Set.of(".*\\.example\\.invalid")).build(); // explicit entries are regular expressions, as for the SDK
            try (SignedRequests requests = requests(configuration)) {
                // Direct to a name that does not resolve: fails without ever asking the proxy.
                assertThatThrownBy(() -> requests.list("docker/", "/", null)).isInstanceOf(java.net.UnknownHostException.class);
            }
            assertThat(proxy.getRequestCount()).isZero();
        }
        assertThat(new SdkProxies(onlyExplicit().build()).select(BUCKET)).containsExactly(java.net.Proxy.NO_PROXY);
    }

    @Test
    void nonProxyHostsFromSystemPropertiesMatchAsTheSdkMatchesThem() {
        java.util.Map<String, String> saved = new java.util.HashMap<>();
        for (String key : List.of("http.proxyHost", "http.proxyPort", "http.nonProxyHosts")) {
            saved.put(key, System.getProperty(key));
        }
        try {
            System.setProperty("http.proxyHost", "proxy.corp.example");
            System.setProperty("http.proxyPort", "3128");
            System.setProperty("http.nonProxyHosts", "*.corp.example|localhost");
            SdkProxies proxies = new SdkProxies(ProxyConfiguration.builder().useEnvironmentVariableValues(false).build());
            assertThat(proxies.select(URI.create("https://s3.corp.example/b/"))).containsExactly(java.net.Proxy.NO_PROXY);
            assertThat(proxies.select(URI.create("http://localhost:9000/b/"))).containsExactly(java.net.Proxy.NO_PROXY);
            assertThat(proxies.select(URI.create("https://s3.eu-west-1.amazonaws.com/b/")))
                    .extracting(p -> p.address().toString()).containsExactly("proxy.corp.example/<unresolved>:3128");
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }
}
