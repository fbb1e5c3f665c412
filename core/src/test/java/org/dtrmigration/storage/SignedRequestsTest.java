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
        SignedRequests.Page page = parsePage(PAGE_ONE);
        assertThat(page.objects()).containsExactly(
                new ObjectInfo("r/a b+c", 1, "0cc175b9c0f1b6a831c399e269772661"),
                new ObjectInfo("r/\u00e9", 10485760, null)); // a multipart ETag is no MD5
        assertThat(page.commonPrefixes()).containsExactly("r/dir x/");
        assertThat(page.nextToken()).isEqualTo("tok+en/=");
    }

    @Test
    void keysAreTakenAsTheyAreWhenTheServerDidNotEncodeThem() throws IOException {
        SignedRequests.Page page = parsePage(PAGE_ONE.replace("<EncodingType>url</EncodingType>", ""));
        assertThat(page.objects()).extracting(ObjectInfo::key).containsExactly("r/a+b%2Bc", "r/%C3%A9");
    }

    @Test
    void malformedAnswersAreRefused() {
        assertThatThrownBy(() -> parsePage("<html><body>proxy error</body")).isInstanceOf(IOException.class)
                .hasMessageContaining("not a ListBucketResult");
        // Well-formed, but another document: read as a page it would be an empty listing.
        assertThatThrownBy(() -> parsePage("<Error><Code>InternalError</Code></Error>")).isInstanceOf(IOException.class)
                .hasMessageContaining("not a ListBucketResult: <Error>");
        assertThatThrownBy(() -> parsePage(UPLOADS_TWO)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a ListBucketResult: <ListMultipartUploadsResult>");
        assertThatThrownBy(() -> parsePage("")).isInstanceOf(IOException.class).hasMessageContaining("not a ListBucketResult");
        assertThatThrownBy(() -> parsePage(PAGE_ONE.replace("<NextContinuationToken>tok+en/=</NextContinuationToken>", "")))
                .hasMessageContaining("truncated but carries no NextContinuationToken");
        assertThatThrownBy(() -> parsePage(PAGE_TWO.replace("<Size>0</Size>", ""))).hasMessageContaining("without Key or Size");
        assertThatThrownBy(() -> parsePage(PAGE_ONE.replace("r/%C3%A9", "r/100%"))).isInstanceOf(IOException.class)
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

    private static final String UPLOADS_ONE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Bucket>b</Bucket><Prefix>r/</Prefix><EncodingType>url</EncodingType>
              <NextKeyMarker>r/old%20b</NextKeyMarker><NextUploadIdMarker>id-2</NextUploadIdMarker><IsTruncated>true</IsTruncated>
              <Upload><Key>r/old%20a</Key><UploadId>id-1</UploadId><Initiated>2026-11-20T10:00:00.000Z</Initiated></Upload>
              <Upload><Key>r/old%20b</Key><UploadId>id-2</UploadId><Initiated>2026-11-22T12:00:00.000Z</Initiated></Upload>
            </ListMultipartUploadsResult>""";

    private static final String UPLOADS_TWO = """
            <ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <IsTruncated>false</IsTruncated>
              <Upload><Key>r/c</Key><UploadId>id-3</UploadId></Upload>
              <Upload><Key>elsewhere/d</Key><UploadId>id-4</UploadId></Upload>
            </ListMultipartUploadsResult>""";

    @Test
    void aMultipartUploadPageIsParsedWithItsMarkers() throws IOException {
        SignedRequests.UploadsPage page = parseUploads(UPLOADS_ONE);
        assertThat(page.uploads()).containsExactly(
                new SignedRequests.Upload("r/old a", "id-1", java.time.Instant.parse("2026-11-20T10:00:00Z")),
                new SignedRequests.Upload("r/old b", "id-2", java.time.Instant.parse("2026-11-22T12:00:00Z")));
        assertThat(page.nextKeyMarker()).isEqualTo("r/old b");
        assertThat(page.nextUploadIdMarker()).isEqualTo("id-2");
        SignedRequests.UploadsPage last = parseUploads(UPLOADS_TWO);
        assertThat(last.uploads()).extracting(SignedRequests.Upload::initiated).containsOnlyNulls(); // some servers do not say
        assertThat(last.nextKeyMarker()).isNull();
    }

    @Test
    void malformedMultipartUploadPagesAreRefused() {
        assertThatThrownBy(() -> parseUploads(PAGE_TWO)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a ListMultipartUploadsResult");
        assertThatThrownBy(() -> parseUploads("<html><body>proxy error</body")).isInstanceOf(IOException.class)
                .hasMessageContaining("not a ListMultipartUploadsResult");
        assertThatThrownBy(() -> parseUploads(UPLOADS_ONE.replace("<NextKeyMarker>r/old%20b</NextKeyMarker>", "")))
                .hasMessageContaining("truncated but carries no NextKeyMarker");
        assertThatThrownBy(() -> parseUploads(UPLOADS_TWO.replace("<UploadId>id-3</UploadId>", "")))
                .hasMessageContaining("without Key or UploadId");
        assertThatThrownBy(() -> parseUploads(UPLOADS_ONE.replace("2026-11-20T10:00:00.000Z", "yesterday")))
                .hasMessageContaining("unreadable Initiated time");
    }

    @Test
    void abortingIncompleteWritesPagesThroughSignedListingsAndAbortsOnlyWhatMatches() throws Exception {
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setBody(UPLOADS_ONE));
            mock.enqueue(new MockResponse().setResponseCode(204)); // abort id-1
            mock.enqueue(new MockResponse().setBody(UPLOADS_TWO));
            mock.enqueue(new MockResponse().setResponseCode(204)); // abort id-3
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            S3Location location = new S3Location("b", "r", "us-east-1", URI.create("http://127.0.0.1:" + mock.getPort()), true);
            try (S3Store store = new S3Store(location, S3Credentials.of("AKIATEST", Secret.of("sup3rsecret")), StoreOptions.defaults())) {
                // id-2 started after the run did; elsewhere/d is outside the root.
                int aborted = store.abortIncompleteWrites("", java.time.Instant.parse("2026-11-21T00:00:00Z"), key -> true);
                assertThat(aborted).isEqualTo(2);
            }
            RecordedRequest first = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(first.getMethod()).isEqualTo("GET");
            assertThat(first.getRequestUrl().encodedPath()).isEqualTo("/b/");
            assertThat(first.getRequestUrl().queryParameterNames()).contains("uploads");
            assertThat(first.getRequestUrl().queryParameter("prefix")).isEqualTo("r/");
            assertThat(first.getRequestUrl().queryParameter("encoding-type")).isEqualTo("url");
            assertThat(first.getRequestUrl().queryParameter("key-marker")).isNull();
            assertThat(first.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIATEST/");
            RecordedRequest abortOne = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(abortOne.getMethod()).isEqualTo("DELETE");
            assertThat(abortOne.getRequestUrl().encodedPath()).isEqualTo("/b/r/old%20a");
            assertThat(abortOne.getRequestUrl().queryParameter("uploadId")).isEqualTo("id-1");
            RecordedRequest second = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(second.getRequestUrl().queryParameter("key-marker")).isEqualTo("r/old b");
            assertThat(second.getRequestUrl().queryParameter("upload-id-marker")).isEqualTo("id-2");
            RecordedRequest abortThree = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(abortThree.getRequestUrl().encodedPath()).isEqualTo("/b/r/c");
            assertThat(abortThree.getRequestUrl().queryParameter("uploadId")).isEqualTo("id-3");
            assertThat(mock.getRequestCount()).isEqualTo(4);
        }
    }

    @Test
    void aListingThatDoesNotAdvanceIsRefused() throws Exception {
        String stuck = UPLOADS_ONE.replace("<Upload><Key>r/old%20a</Key><UploadId>id-1</UploadId><Initiated>2026-11-20T10:00:00.000Z</Initiated></Upload>", "");
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setBody(stuck));
            mock.enqueue(new MockResponse().setBody(stuck));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            S3Location location = new S3Location("b", "r", "us-east-1", URI.create("http://127.0.0.1:" + mock.getPort()), true);
            try (S3Store store = new S3Store(location, S3Credentials.of("AKIATEST", Secret.of("sup3rsecret")), StoreOptions.defaults())) {
                assertThatThrownBy(() -> store.abortIncompleteWrites("", java.time.Instant.parse("2026-11-21T00:00:00Z"), key -> true))
                        .isInstanceOf(IOException.class).hasMessageContaining("does not advance");
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "http://127.0.0.1:9000, registry, us-east-1",
            "http://127.0.0.1:9000/, registry, eu-west-3",
            "https://minio.example.com, my.dotted.bucket, us-east-1",
            "https://ceph.example.com:8443/s3, b-1, us-west-2",
            "https://ceph.example.com:8443/s3/, b-1, us-west-2",
            "http://[::1]:9000/base/path, x--y, ap-south-1"})
    void thePathStyleLayoutIsTheOneTheSdksPresignerMakes(String endpoint, String bucket, String region) {
        // Made without the presigner for speed; the presigner (the SDK's endpoint rules) is the reference.
        S3Location location = new S3Location(bucket, "", region, URI.create(endpoint), true);
        var credentials = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIATEST", "secret"));
        var noProxy = software.amazon.awssdk.http.apache.ProxyConfiguration.builder()
                .useSystemPropertyValues(false).useEnvironmentVariableValues(false).build();
        try (var presigner = S3Store.buildPresigner(location, credentials, region);
             SignedRequests reference = SignedRequests.forBucket(presigner, bucket, credentials, StoreOptions.defaults(), noProxy,
                     java.time.Clock.systemUTC())) {
            assertThat(SignedRequests.pathStyleBucketUrl(location.endpoint(), bucket)).isEqualTo(reference.bucketUrl());
            assertThat(reference.signingRegion()).isEqualTo(region);
        }
    }

    private static SignedRequests.Page parsePage(String xml) throws IOException {
        return SignedRequests.parsePage(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static SignedRequests.UploadsPage parseUploads(String xml) throws IOException {
        return SignedRequests.parseUploads(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
