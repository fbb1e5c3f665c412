package org.dtrmigration.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** S3-specific behaviour beyond the contract: request shape, aborts, retries, foreign objects. */
class S3StoreTest {

    private static final String BUCKET = "s3-specific";
    private static S3ProxyServer server;
    private static S3Client raw;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        raw = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                // The SDK's default CRC32 trailers are what S3Proxy (like other S3-compatible servers) rejects.
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        raw.close();
        server.close();
    }

    @Test
    void keysLiveUnderThePrefixAndForeignObjectsAreSkipped() throws IOException {
        try (ObjectStore store = new StoreFactory().open(server.location(BUCKET, "dtr/root"), server.credentials())) {
            store.write("docker/registry/v2/x", "x".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.headObject(b -> b.bucket(BUCKET).key("dtr/root/docker/registry/v2/x")).contentLength()).isEqualTo(1);
            // Objects beside the root ("dtr/rootless") and a directory marker are not ours to list.
            raw.putObject(b -> b.bucket(BUCKET).key("dtr/rootless/y"), RequestBody.fromString("y"));
            raw.putObject(b -> b.bucket(BUCKET).key("dtr/root/docker/"), RequestBody.empty());
            assertThat(store.list("").toList()).extracting(ObjectInfo::key).containsExactly("docker/registry/v2/x");
        }
    }

    @Test
    void parsedUriOpensTheSameStore() throws IOException {
        StorageLocation location = StorageLocation.parse("s3://" + BUCKET + "/via-uri?endpoint=" + server.endpoint(), "--to");
        try (ObjectStore store = new StoreFactory().open(location, new EnvironmentCredentials(java.util.Map.of(
                "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY)).resolve(location, "--to"))) {
            store.write("k", "v".getBytes(StandardCharsets.UTF_8));
            assertThat(store.list("").toList()).extracting(ObjectInfo::md5Hex)
                    .containsExactly(ObjectStoreContractTest.hex(ObjectStoreContractTest.md5("v".getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void failedMultipartUploadIsAborted() throws IOException {
                try (ObjectStore store = new StoreFactory(SMALL_PARTS).open(server.location(BUCKET, "aborts"), server.credentials())) {
            byte[] content = ObjectStoreContractTest.random(12 * StoreOptions.MiB);
            assertThatThrownBy(() -> store.write("big", new ByteArrayInputStream(content), content.length, new byte[16]))
                    .hasMessageContaining("MD5");
            assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
            assertThat(store.stat("big")).isEmpty();
        }
    }

    @Test
    void abortIncompleteWritesAbortsOnlyMatchingUploadsUnderThePrefix() throws IOException {
        String mine = raw.createMultipartUpload(b -> b.bucket(BUCKET).key("orphans/root/docker/registry/v2/blobs/x/data")).uploadId();
        String foreign = raw.createMultipartUpload(b -> b.bucket(BUCKET).key("orphans/elsewhere/data")).uploadId();
        try (ObjectStore store = new StoreFactory().open(server.location(BUCKET, "orphans/root"), server.credentials())) {
            java.time.Instant later = java.time.Instant.now().plusSeconds(5);
            assertThat(store.abortIncompleteWrites("docker/", later, k -> !k.contains("/blobs/"))).as("filtered out by key").isZero();
            assertThat(store.abortIncompleteWrites("docker/", later, k -> k.equals("docker/registry/v2/blobs/x/data"))).isEqualTo(1);
        }
        assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix("orphans/")).uploads())
                .extracting(u -> u.uploadId()).containsExactly(foreign).doesNotContain(mine);
        raw.abortMultipartUpload(b -> b.bucket(BUCKET).key("orphans/elsewhere/data").uploadId(foreign));
    }

    @Test
    void requestsCarryContentMd5AndNoChunkedChecksums() throws Exception {
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(200).setHeader("ETag", "\"0cc175b9c0f1b6a831c399e269772661\""));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            try (ObjectStore store = new S3Store(new S3Location("b", "root", "us-east-1", URI.create("http://127.0.0.1:" + mock.getPort()), true),
                    S3Credentials.of("AKIATEST", Secret.of("secret")), StoreOptions.defaults())) {
                store.write("k", "a".getBytes(StandardCharsets.UTF_8));
            }
            RecordedRequest put = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(put.getMethod()).isEqualTo("PUT");
            assertThat(put.getRequestUrl().encodedPath()).isEqualTo("/b/root/k");
            // SigV4 in headers, never in the URL; the signed Content-MD5 binds the body (the server checks it), so the
            // payload itself is not hashed into the signature, even over plain http.
            assertThat(put.getRequestUrl().query()).isNull();
            assertThat(put.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIATEST/").contains("/us-east-1/s3/aws4_request")
                    .contains("content-md5").contains("x-amz-content-sha256");
            assertThat(put.getHeader("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
            assertThat(put.getRequestLine()).doesNotContain("secret");
            assertThat(put.getHeader("Content-MD5")).isEqualTo("DMF1ucDxtqgxw5niaXcmYQ==");
            assertThat(put.getHeader("Content-Encoding")).isNull();
            assertThat(put.getHeader("x-amz-trailer")).isNull();
            assertThat(put.getHeader("Expect")).as("no 100-continue round trip for a small body").isNull();
            assertThat(put.getBody().readUtf8()).isEqualTo("a");
        }
    }

    @Test
    void throttlingIsRetriedWithBackoff() throws Exception {
        try (MockWebServer mock = new MockWebServer()) {
            String slowDown = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
            mock.enqueue(new MockResponse().setResponseCode(503).setBody(slowDown));
            mock.enqueue(new MockResponse().setResponseCode(500).setBody("<Error><Code>InternalError</Code><Message>oops</Message></Error>"));
            mock.enqueue(new MockResponse().setResponseCode(200).setHeader("ETag", "\"0cc175b9c0f1b6a831c399e269772661\""));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            StoreOptions options = StoreOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
            try (ObjectStore store = new S3Store(new S3Location("b", "", null, URI.create("http://127.0.0.1:" + mock.getPort()), true),
                    S3Credentials.of("AKIATEST", Secret.of("secret")), options)) {
                store.write("k", "a".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(mock.getRequestCount()).isEqualTo(3);
        }
    }

    @Test
    void unreachableEndpointSaysSo() {
        StoreOptions options = StoreOptions.defaults().withMaxAttempts(1).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        try (ObjectStore store = new StoreFactory(options).open(new S3Location("b", "", null, URI.create("http://127.0.0.1:9"), true),
                S3Credentials.of("AKIATEST", Secret.of("secret")))) {
            assertThatThrownBy(() -> store.list("").toList())
                    .isInstanceOf(StorageAccessException.class)
                    .hasMessageStartingWith("cannot reach S3 at http://127.0.0.1:9 for bucket 'b'");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rejectedCredentialsOnAPutAreWordedWithoutTheSecret() throws Exception {
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(403).setBody(
                    "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>"));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            try (ObjectStore store = new S3Store(new S3Location("b", "", "us-east-1", URI.create("http://127.0.0.1:" + mock.getPort()), true),
                    S3Credentials.of("AKIATEST", Secret.of("sup3rsecret")), StoreOptions.defaults())) {
                assertThatThrownBy(() -> store.write("k", "a".getBytes(StandardCharsets.UTF_8)))
                        .isInstanceOf(StorageAccessException.class)
                        .hasMessageContaining("rejected the credentials").hasMessageContaining("SignatureDoesNotMatch")
                        .hasMessageNotContaining("sup3rsecret").hasMessageNotContaining("X-Amz-Signature");
            }
            assertThat(mock.getRequestCount()).as("credentials errors are not retried").isEqualTo(1);
        }
    }

    @Test
    void aFailingContentIsReportedAsItselfAndNotRetried() throws Exception {
                byte[] content = ObjectStoreContractTest.random(6 * StoreOptions.MiB);
        AtomicInteger opened = new AtomicInteger();
        ContentSource failing = ContentSource.of(content.length, () -> {
            opened.incrementAndGet();
            return new java.io.FilterInputStream(new ByteArrayInputStream(content)) {
                private long read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    read += Math.max(n, 0);
                    if (read > content.length - 1024) {
                        throw new java.nio.charset.CharacterCodingException(); // any IOException of the content's own
                    }
                    return n;
                }
            };
        });
        try (ObjectStore store = new StoreFactory(SMALL_PARTS).open(server.location(BUCKET, "failing"), server.credentials())) {
            assertThatThrownBy(() -> store.write("blob", failing)).isInstanceOf(java.nio.charset.CharacterCodingException.class);
            assertThat(opened.get()).as("not re-sent").isEqualTo(1);
            assertThat(store.stat("blob")).as("nothing visible").isEmpty();
            // The same path delivers a good content whole.
            store.write("blob", ContentSource.of(content.length, () -> new ByteArrayInputStream(content)));
            assertThat(store.read("blob").readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aBucketInAnotherRegionIsFoundBeforeTheFirstSignedPut() throws Exception {
        // No region configured and no endpoint: the region comes from HeadBucket's x-amz-bucket-region.
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(200).setHeader("x-amz-bucket-region", "eu-west-3"));
            mock.enqueue(new MockResponse().setResponseCode(200).setHeader("ETag", "\"0cc175b9c0f1b6a831c399e269772661\""));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            S3Location location = new S3Location("b", "", null, URI.create("http://127.0.0.1:" + mock.getPort()), true);
            try (S3Store store = new S3Store(location, S3Credentials.of("AKIATEST", Secret.of("secret")), StoreOptions.defaults())) {
                store.lookUpBucketRegion = true; // as without an endpoint: the region must be looked up
                store.write("k", "a".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(mock.takeRequest(5, TimeUnit.SECONDS).getMethod()).isEqualTo("HEAD");
            RecordedRequest put = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(put.getHeader("Authorization")).contains("/eu-west-3/s3/aws4_request");
        }
    }

    @Test
    void aRunThatOnlyListsWritesSmallObjectsAndCleansUpNeverBuildsTheSdkClient() throws IOException {
        // The SDK client (about 2,000 classes) is the largest fixed cost of a cold CLI run; a clean re-run needs none of it.
        try (S3Store store = (S3Store) new StoreFactory().open(server.location(BUCKET, "lazy"), server.credentials())) {
            store.write("docker/registry/v2/repositories/r/_layers/sha256/ab/link", "sha256:ab".getBytes(StandardCharsets.UTF_8));
            assertThat(store.list("docker/").toList()).extracting(ObjectInfo::key).containsExactly("docker/registry/v2/repositories/r/_layers/sha256/ab/link");
            assertThat(store.abortIncompleteWrites("docker/", java.time.Instant.now().plusSeconds(60), k -> true)).isZero();
            assertThat(store.sdkClientBuilt()).isFalse();
            assertThat(store.stat("docker/registry/v2/repositories/r/_layers/sha256/ab/link")).isPresent();
            assertThat(store.sdkClientBuilt()).as("a HEAD still goes through the SDK client").isTrue();
        }
    }

    @Test
    void keysWithCharactersThatNeedEncodingAreWrittenWhereTheSdkReadsThem() throws IOException {
        List<String> keys = List.of("docker/registry/v2/repositories/a b/_uploads/x+y=z&w", "weird/%41~!$'()*,;:@", "unicode/\u00e9\u4e2d\uD83D\uDE00");
        try (ObjectStore store = new StoreFactory().open(server.location(BUCKET, "encoding"), server.credentials())) {
            for (String key : keys) {
                store.write(key, key.getBytes(StandardCharsets.UTF_8));
            }
            for (String key : keys) {
                assertThat(new String(raw.getObjectAsBytes(b -> b.bucket(BUCKET).key("encoding/" + key)).asByteArray(), StandardCharsets.UTF_8))
                        .isEqualTo(key);
            }
            assertThat(store.list("").toList()).extracting(ObjectInfo::key).containsExactlyInAnyOrderElementsOf(keys);
        }
    }

    @Test
    void aMissingBucketFoundByTheRegionLookUpIsNamed() throws Exception {
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(404)); // HEAD: no body, no error code
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            S3Location location = new S3Location("gone", "", null, URI.create("http://127.0.0.1:" + mock.getPort()), true);
            try (S3Store store = new S3Store(location, S3Credentials.of("AKIATEST", Secret.of("secret")), StoreOptions.defaults())) {
                store.lookUpBucketRegion = true; // as without an endpoint
                assertThatThrownBy(() -> store.list("docker/")).isInstanceOf(StorageAccessException.class)
                        .hasMessageContaining("bucket 'gone' does not exist");
            }
            assertThat(mock.takeRequest(5, TimeUnit.SECONDS).getMethod()).isEqualTo("HEAD");
        }
    }

    @Test
    void aStreamedBodyOverPlainHttpCarriesTheContentMd5OfACheckedFirstRead() throws Exception {
        byte[] content = ObjectStoreContractTest.random(6 * StoreOptions.MiB);
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger unchecked = new AtomicInteger();
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(200));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            try (ObjectStore store = mockStore(mock, SMALL_PARTS)) {
                store.write("blob", ContentSource.of(content.length, () -> {
                    checked.incrementAndGet();
                    return new ByteArrayInputStream(content);
                }, () -> {
                    unchecked.incrementAndGet();
                    return new ByteArrayInputStream(content);
                }));
            }
            assertThat(checked.get()).as("one checked read, to hash the content").isEqualTo(1);
            assertThat(unchecked.get()).as("one unchecked read, to send it").isEqualTo(1);
            RecordedRequest put = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(put.getHeader("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
            assertThat(put.getHeader("Content-MD5")).isEqualTo(Md5.base64(Md5.of(content, 0, content.length)));
            assertThat(put.getHeader("Authorization")).contains("content-md5");
            assertThat(put.getHeader("Content-Encoding")).isNull();
            assertThat(put.getBody().readByteArray()).isEqualTo(content);
        }
    }

    @Test
    void aStreamedBodyOverHttpsIsReadOnceAsItIsSentAndLandsWhole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] content = ObjectStoreContractTest.random(6 * StoreOptions.MiB + 5);
        AtomicInteger checked = new AtomicInteger();
        org.dtrmigration.s3embedded.LoopbackCertificate certificate = org.dtrmigration.s3embedded.LoopbackCertificate.create(dir);
        String[] trust = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword"};
        String[] previous = {System.getProperty(trust[0]), System.getProperty(trust[1])};
        // The store's HTTP clients trust what the JVM trusts: this test's certificate, for this test only.
        System.setProperty(trust[0], certificate.trustStore().toString());
        System.setProperty(trust[1], certificate.password());
        try (S3ProxyServer tls = S3ProxyServer.startTls(certificate)) {
            tls.createBucket(BUCKET);
            assertThat(tls.endpoint().getScheme()).isEqualTo("https");
            try (ObjectStore store = new StoreFactory(SMALL_PARTS).open(tls.location(BUCKET, "streamed"), tls.credentials())) {
                store.write("blob", ContentSource.of(content.length, () -> {
                    checked.incrementAndGet();
                    return new ByteArrayInputStream(content);
                }, () -> {
                    throw new AssertionError("over https the content is read once, with its checks: TLS protects the body");
                }));
                assertThat(checked.get()).isEqualTo(1);
                assertThat(store.read("blob").readAllBytes()).isEqualTo(content);
            }
        } finally {
            for (int i = 0; i < trust.length; i++) {
                if (previous[i] == null) {
                    System.clearProperty(trust[i]);
                } else {
                    System.setProperty(trust[i], previous[i]);
                }
            }
        }
    }

    @Test
    void aStreamedBodyLandsWhole() throws Exception {
        byte[] content = ObjectStoreContractTest.random(6 * StoreOptions.MiB + 17);
        try (ObjectStore store = new StoreFactory(SMALL_PARTS).open(server.location(BUCKET, "streamed"), server.credentials())) {
            store.write("blob", ContentSource.of(content.length, () -> new ByteArrayInputStream(content)));
            assertThat(store.read("blob").readAllBytes()).isEqualTo(content);
            assertThat(store.stat("blob").orElseThrow().size()).isEqualTo(content.length);
        }
    }

    @Test
    void aBodyThatDiffersFromItsHashedFirstReadIsRefusedByTheServerAndNothingIsStored() throws Exception {
        // The send reads the content without its checks: the server's Content-MD5 check is what binds it to the checked read.
        byte[] content = ObjectStoreContractTest.random(6 * StoreOptions.MiB);
        byte[] flipped = content.clone();
        flipped[flipped.length / 2] ^= 0x01;
        try (ObjectStore store = new StoreFactory(SMALL_PARTS.withMaxAttempts(1)).open(server.location(BUCKET, "changed"), server.credentials())) {
            assertThatThrownBy(() -> store.write("blob", ContentSource.of(content.length, () -> new ByteArrayInputStream(content),
                    () -> new ByteArrayInputStream(flipped)))).isInstanceOf(IOException.class).hasMessageContaining("blob");
            assertThat(store.stat("blob")).isEmpty();
        }
    }

    @Test
    void contentThatFailsItsFirstReadIsNeverSent() throws Exception {
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(200));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            try (ObjectStore store = mockStore(mock, SMALL_PARTS)) {
                byte[] content = ObjectStoreContractTest.random(6 * StoreOptions.MiB);
                // As the copier's digest check fails: at the end of the read.
                assertThatThrownBy(() -> store.write("blob", ContentSource.of(content.length, () -> new java.io.FilterInputStream(new ByteArrayInputStream(content)) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n == -1) {
                            throw new IOException("the source blob does not match its digest");
                        }
                        return n;
                    }
                }, () -> new ByteArrayInputStream(content)))).isInstanceOf(IOException.class).hasMessage("the source blob does not match its digest");
                byte[] shorter = ObjectStoreContractTest.random(6 * StoreOptions.MiB - 1);
                assertThatThrownBy(() -> store.write("blob", ContentSource.of(shorter.length + 1, () -> new ByteArrayInputStream(shorter))))
                        .isInstanceOf(IOException.class).hasMessageContaining("expected " + (shorter.length + 1));
            }
            assertThat(mock.getRequestCount()).isZero();
        }
    }

    @Test
    void theServerRefusesABodyThatDoesNotMatchItsSignedContentMd5() throws Exception {
        // The unsigned payload of a buffered put is bound by its Content-MD5: S3Proxy, like S3, checks it.
        URI bucketUrl = URI.create(server.endpoint() + "/" + BUCKET + "/");
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
        try (SignedRequests requests = new SignedRequests(bucketUrl, "us-east-1", "s3", credentials, StoreOptions.defaults().withMaxAttempts(1),
                software.amazon.awssdk.http.apache.ProxyConfiguration.builder().useSystemPropertyValues(false).useEnvironmentVariableValues(false).build(), java.time.Clock.systemUTC())) {
            byte[] sent = "the body".getBytes(StandardCharsets.UTF_8);
            byte[] other = Md5.of("another body".getBytes(StandardCharsets.UTF_8), 0, 12);
            assertThatThrownBy(() -> requests.put("tampered/k", sent, other))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
            requests.put("tampered/ok", sent, Md5.of(sent, 0, sent.length));
        }
        assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix("tampered/")).contents()).extracting(o -> o.key()).containsExactly("tampered/ok");
    }

    @Test
    void aStreamedBodyThatCannotBeOpenedIsReportedAsItselfAndNotRetried() throws Exception {
                AtomicInteger opened = new AtomicInteger();
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(200));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            try (ObjectStore store = mockStore(mock, SMALL_PARTS)) {
                assertThatThrownBy(() -> store.write("blob", ContentSource.of(6 * StoreOptions.MiB, () -> {
                    opened.incrementAndGet();
                    throw new java.nio.file.NoSuchFileException("/source/blob");
                }))).isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessage("/source/blob");
            }
            assertThat(opened.get()).as("not retried").isEqualTo(1);
        }
    }

    @Test
    void aStreamedPutThatNeverConnectsLeavesNoContentOpen() {
        StoreOptions options = StoreOptions.defaults().withMultipart(StoreOptions.MIN_PART_SIZE, StoreOptions.MIN_PART_SIZE)
                .withMaxAttempts(2).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        byte[] content = ObjectStoreContractTest.random(6 * StoreOptions.MiB);
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        try (ObjectStore store = new S3Store(new S3Location("b", "", "us-east-1", URI.create("http://127.0.0.1:9"), true),
                S3Credentials.of("AKIATEST", Secret.of("secret")), options)) {
            assertThatThrownBy(() -> store.write("blob", ContentSource.of(content.length, () -> {
                opened.incrementAndGet();
                return closeCounting(content, closed);
            }))).isInstanceOf(StorageAccessException.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(opened.get()).as("the hashing read; the sends never connect").isEqualTo(1);
        assertThat(closed.get()).as("every opened content is closed (a source stream may hold a connection)").isEqualTo(opened.get());
    }

    @Test
    void aStreamedBodyWrittenAgainByOkHttpIsReadFromAFreshStream() throws Exception {
        // OkHttp itself re-sends the same signed request after a 503 with Retry-After: 0 (and after a proxy's 407):
        // the content, which cannot rewind, is opened anew and sent whole, with the same Content-MD5.
        byte[] content = ObjectStoreContractTest.random(6 * StoreOptions.MiB + 3);
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "0"));
            mock.enqueue(new MockResponse().setResponseCode(200));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            try (ObjectStore store = mockStore(mock, SMALL_PARTS)) {
                store.write("blob", ContentSource.of(content.length, () -> {
                    checked.incrementAndGet();
                    return closeCounting(content, closed);
                }, () -> {
                    sent.incrementAndGet();
                    return closeCounting(content, closed);
                }));
            }
            assertThat(mock.getRequestCount()).isEqualTo(2);
            RecordedRequest first = mock.takeRequest(5, TimeUnit.SECONDS);
            RecordedRequest again = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(again.getHeader("Authorization")).isEqualTo(first.getHeader("Authorization"));
            assertThat(again.getHeader("Content-MD5")).isEqualTo(first.getHeader("Content-MD5"))
                    .isEqualTo(Md5.base64(Md5.of(content, 0, content.length)));
            assertThat(first.getBody().readByteArray()).isEqualTo(content);
            assertThat(again.getBody().readByteArray()).isEqualTo(content);
            assertThat(checked.get()).as("hashed once").isEqualTo(1);
            assertThat(sent.get()).as("a fresh stream for every write of the body").isGreaterThanOrEqualTo(2);
            assertThat(closed.get()).isEqualTo(checked.get() + sent.get());
        }
    }

    @Test
    void aStreamedPutRetriedAfterAServerErrorIsSignedAnewAndNotHashedAgain() throws Exception {
        byte[] content = ObjectStoreContractTest.random(6 * StoreOptions.MiB);
        AtomicInteger checked = new AtomicInteger();
        try (MockWebServer mock = new MockWebServer()) {
            mock.enqueue(new MockResponse().setResponseCode(503).setBody("<Error><Code>SlowDown</Code><Message>slow</Message></Error>"));
            mock.enqueue(new MockResponse().setResponseCode(200));
            mock.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            try (ObjectStore store = mockStore(mock, SMALL_PARTS)) {
                store.write("blob", ContentSource.of(content.length, () -> {
                    checked.incrementAndGet();
                    return new ByteArrayInputStream(content);
                }, () -> new ByteArrayInputStream(content)));
            }
            assertThat(mock.getRequestCount()).isEqualTo(2);
            assertThat(checked.get()).isEqualTo(1);
            RecordedRequest first = mock.takeRequest(5, TimeUnit.SECONDS);
            RecordedRequest again = mock.takeRequest(5, TimeUnit.SECONDS);
            assertThat(again.getHeader("x-amz-date")).isNotNull();
            assertThat(again.getHeader("Content-MD5")).isEqualTo(first.getHeader("Content-MD5"));
            assertThat(again.getBody().readByteArray()).isEqualTo(content);
        }
    }

    /** Parts and the single-PUT threshold at their minimum, so that a 6 MiB body takes the streamed path. */
    private static final StoreOptions SMALL_PARTS = StoreOptions.defaults().withMultipart(StoreOptions.MIN_PART_SIZE, StoreOptions.MIN_PART_SIZE);

    private static S3Store mockStore(MockWebServer mock, StoreOptions options) {
        return new S3Store(new S3Location("b", "", "us-east-1", URI.create("http://127.0.0.1:" + mock.getPort()), true),
                S3Credentials.of("AKIATEST", Secret.of("secret")), options);
    }

    private static java.io.InputStream closeCounting(byte[] content, AtomicInteger closed) {
        return new java.io.FilterInputStream(new ByteArrayInputStream(content)) {
            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public synchronized void reset() throws IOException {
                throw new IOException("mark/reset not supported");
            }

            private boolean done;

            @Override
            public void close() throws IOException {
                if (!done) { // counts streams closed, not close() calls
                    done = true;
                    closed.incrementAndGet();
                }
                super.close();
            }
        };
    }
}
