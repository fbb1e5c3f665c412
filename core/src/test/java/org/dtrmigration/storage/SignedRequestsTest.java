package org.dtrmigration.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dtrmigration.secret.Secret;
import org.junit.jupiter.api.Test;

/** The listing half of the signed requests: the page parser and the request shape, against fixed answers. */
class SignedRequestsTest {

    private static final String PAGE_ONE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>b</Name><Prefix>r%2F</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType>
              <IsTruncated>true</IsTruncated><NextContinuationToken>tok+en/=</NextContinuationToken>
              <Contents><Key>r/a+b%2Bc</Key><LastModified>2026-11-22T02:00:00.000Z</LastModified>
                <ETag>&quot;0cc175b9c0f1b6a831c399e269772661&quot;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>
              <Contents><Key>r/%C3%A9</Key><ETag>"9a0364b9e99bb480dd25e1f0284c8555-2"</ETag><Size>10485760</Size></Contents>
              <CommonPrefixes><Prefix>r/dir%20x/</Prefix></CommonPrefixes>
            </ListBucketResult>""";

    private static final String PAGE_TWO = """
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <IsTruncated>false</IsTruncated>
              <Contents><Key>r/z</Key><ETag>"d41d8cd98f00b204e9800998ecf8427e"</ETag><Size>0</Size></Contents>
            </ListBucketResult>""";

    @Test
    void aPageIsParsedAndUrlEncodedKeysAreDecoded() throws IOException {
        SignedRequests.Page page = SignedRequests.parsePage(PAGE_ONE);
        assertThat(page.objects()).containsExactly(
                new ObjectInfo("r/a b+c", 1, "0cc175b9c0f1b6a831c399e269772661"),
                new ObjectInfo("r/\u00e9", 10485760, null)); // a multipart ETag is no MD5
        assertThat(page.commonPrefixes()).containsExactly("r/dir x/");
        assertThat(page.nextToken()).isEqualTo("tok+en/=");
    }

    @Test
    void keysAreTakenAsTheyAreWhenTheServerDidNotEncodeThem() throws IOException {
        SignedRequests.Page page = SignedRequests.parsePage(PAGE_ONE.replace("<EncodingType>url</EncodingType>", ""));
        assertThat(page.objects()).extracting(ObjectInfo::key).containsExactly("r/a+b%2Bc", "r/%C3%A9");
    }

    @Test
    void malformedAnswersAreRefused() {
        assertThatThrownBy(() -> SignedRequests.parsePage("<html><body>proxy error</body")).isInstanceOf(IOException.class)
                .hasMessageContaining("not a ListBucketResult");
        assertThatThrownBy(() -> SignedRequests.parsePage(PAGE_ONE.replace("<NextContinuationToken>tok+en/=</NextContinuationToken>", "")))
                .hasMessageContaining("truncated but carries no NextContinuationToken");
        assertThatThrownBy(() -> SignedRequests.parsePage(PAGE_TWO.replace("<Size>0</Size>", ""))).hasMessageContaining("without Key or Size");
        assertThatThrownBy(() -> SignedRequests.parsePage(PAGE_ONE.replace("r/%C3%A9", "r/100%"))).isInstanceOf(IOException.class)
                .hasMessageContaining("not URL-encoded");
    }

    @Test
    void aListingFollowsContinuationTokensWithSignedRequests() throws Exception {
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(503).setBody("<Error><Code>SlowDown</Code></Error>"));
            mock.enqueue(new MockResponse().setBody(PAGE_ONE));
            mock.enqueue(new MockResponse().setBody(PAGE_TWO));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            S3Location location = new S3Location("b", "r", "us-east-1", URI.create("http://127.0.0.1:" + mock.getPort()), true);
            try (ObjectStore store = new S3Store(location, S3Credentials.of("AKIATEST", Secret.of("sup3rsecret")), StoreOptions.defaults())) {
                assertThat(store.list("").toList()).extracting(ObjectInfo::key).containsExactly("a b+c", "\u00e9", "z");
            }
            mock.takeRequest(5, TimeUnit.SECONDS); // the throttled attempt, retried
            RecordedRequest first = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(first.getRequestUrl().encodedPath()).isEqualTo("/b/");
            assertThat(first.getRequestUrl().queryParameter("list-type")).isEqualTo("2");
            assertThat(first.getRequestUrl().queryParameter("prefix")).isEqualTo("r/");
            assertThat(first.getRequestUrl().queryParameter("encoding-type")).isEqualTo("url");
            assertThat(first.getRequestUrl().queryParameter("continuation-token")).isNull();
            assertThat(first.getRequestUrl().queryParameterNames()).noneMatch(name -> name.startsWith("X-Amz-"));
            assertThat(first.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIATEST/");
            assertThat(first.getRequestLine()).doesNotContain("sup3rsecret");
            RecordedRequest second = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(second.getRequestUrl().queryParameter("continuation-token")).isEqualTo("tok+en/=");
        }
    }

    @Test
    void keysWithDotSegmentsAreSentByTheSdkClientExactlyAsNamed() throws Exception {
        assertThat(SignedRequests.addressable("r/a.b/..c/.d")).isTrue();
        assertThat(SignedRequests.addressable("r/./x")).isFalse();
        assertThat(SignedRequests.addressable("r/../x")).isFalse();
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setHeader("ETag", "\"0cc175b9c0f1b6a831c399e269772661\""));
            mock.enqueue(new MockResponse().setHeader("ETag", "\"0cc175b9c0f1b6a831c399e269772661\""));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            S3Location location = new S3Location("b", "r", "us-east-1", URI.create("http://127.0.0.1:" + mock.getPort()), true);
            try (ObjectStore store = new S3Store(location, S3Credentials.of("AKIATEST", Secret.of("secret")), StoreOptions.defaults())) {
                store.write("d/./x", "a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                store.write("d/../y", "a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(mock.takeRequest(5, TimeUnit.SECONDS).getRequestLine()).startsWith("PUT /b/r/d/./x ");
            assertThat(mock.takeRequest(5, TimeUnit.SECONDS).getRequestLine()).startsWith("PUT /b/r/d/../y ");
        }
    }

    @Test
    void aSessionTokenTravelsInAHeaderNeverInTheUrl() throws Exception {
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setBody(PAGE_TWO));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            S3Location location = new S3Location("b", "r", "us-east-1", URI.create("http://127.0.0.1:" + mock.getPort()), true);
            S3Credentials session = new S3Credentials.AccessKey("ASIATEST", Secret.of("sup3rsecret"), Secret.of("SESSION-T0KEN"));
            try (ObjectStore store = new S3Store(location, session, StoreOptions.defaults())) {
                assertThat(store.list("").toList()).hasSize(1);
            }
            RecordedRequest request = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request.getRequestLine()).doesNotContain("SESSION-T0KEN").doesNotContain("Signature");
            assertThat(request.getHeader("x-amz-security-token")).isEqualTo("SESSION-T0KEN");
        }
    }

    @Test
    void aMissingBucketInAListingIsNamed() throws Exception {
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(404).setBody(
                    "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>"));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            S3Location location = new S3Location("nope", "", "us-east-1", URI.create("http://127.0.0.1:" + mock.getPort()), true);
            try (ObjectStore store = new S3Store(location, S3Credentials.of("AKIATEST", Secret.of("secret")), StoreOptions.defaults())) {
                assertThatThrownBy(() -> store.list("docker/")).isInstanceOf(StorageAccessException.class)
                        .hasMessageContaining("bucket 'nope' does not exist");
            }
        }
    }
}
