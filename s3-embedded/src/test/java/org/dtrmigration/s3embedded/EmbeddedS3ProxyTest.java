package org.dtrmigration.s3embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3ProxyTest {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesBucketsFromTheDirectoryOnLoopbackAndRequiresSignedRequests() throws Exception {
        Path baseDir = tmp.resolve("buckets");
        URI endpoint;
        try (EmbeddedS3Proxy s3 = EmbeddedS3Proxy.start(baseDir, "test-access", "test-secret-value")) {
            endpoint = s3.endpoint();
            assertThat(endpoint.getScheme()).isEqualTo("http");
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            assertThat(endpoint.getPort()).isPositive();
            assertThat(s3.accessKey()).isEqualTo("test-access");

            s3.createBucket("registry");

            assertThat(s3.blobStore().containerExists("registry")).isTrue();
            assertThat(baseDir.resolve("registry")).isDirectory();
            HttpResponse<String> anonymous = get(endpoint.resolve("/registry?list-type=2"));
            assertThat(anonymous.statusCode()).as("an unsigned listing is refused").isEqualTo(403);
            assertThat(anonymous.body()).doesNotContain("test-secret-value");
        }
        assertThat(baseDir.resolve("registry")).as("the directory is the caller's").isDirectory();
        assertThatThrownBy(() -> get(endpoint.resolve("/registry"))).as("stopped").isInstanceOf(ConnectException.class);
    }

    @Test
    void servesHttpsWithTheGivenCertificate() throws Exception {
        LoopbackCertificate certificate = LoopbackCertificate.create(tmp.resolve("tls"));
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(certificate.trustStore())) {
            trust.load(in, certificate.password().toCharArray());
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient trusting = HttpClient.newBuilder().sslContext(tls).build();
        try (EmbeddedS3Proxy s3 = EmbeddedS3Proxy.startTls(tmp.resolve("tls-buckets"), "test-access", "test-secret-value",
                certificate.keyStore(), certificate.password())) {
            assertThat(s3.endpoint().getScheme()).isEqualTo("https");
            s3.createBucket("registry");
            HttpResponse<String> anonymous = trusting.send(HttpRequest.newBuilder(s3.endpoint().resolve("/registry?list-type=2")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("answered over TLS, and an unsigned listing is refused").isEqualTo(403);
            assertThatThrownBy(() -> get(s3.endpoint().resolve("/registry"))).as("a client that does not trust the certificate")
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
        assertThat(Files.readString(certificate.pem())).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void refusesEmptyKeysWithoutCreatingAnything() {
        Path baseDir = tmp.resolve("never");
        assertThatThrownBy(() -> EmbeddedS3Proxy.start(baseDir, "", "secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("access key");
        assertThatThrownBy(() -> EmbeddedS3Proxy.start(baseDir, "access", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret key");
        assertThat(Files.exists(baseDir)).isFalse();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
