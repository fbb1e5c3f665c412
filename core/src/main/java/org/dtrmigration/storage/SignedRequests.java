package org.dtrmigration.storage;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.utils.DateUtils;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The copier's two hot S3 requests, single-request PutObject and ListObjectsV2, signed by the SDK's SigV4 signer and
 * sent with OkHttp.
 *
 * <p>Why: a registry is mostly 71-byte link files, and the SDK's full client pipeline (endpoint rules,
 * interceptors, marshalling, retries, metrics, the Apache client) costs about 0.8 ms of CPU per PutObject, several
 * times the cost of the request itself on a fast network; the SDK's presigner runs most of that pipeline too. Its
 * listing unmarshaller builds a full model object (with a parsed timestamp) per key, the largest cost of a re-run
 * that finds nothing to copy; only key, size and ETag are needed.
 * So the presigner is asked once per bucket where keys live and how they are signed (its endpoint rules decide
 * path-style or virtual-hosted addressing, the region, a custom endpoint), and each request is then signed by the
 * SDK's own {@link AwsV4HttpSigner}, in headers (see {@link #sign}), and sent by OkHttp.
 *
 * <p>Errors come back as the same {@link S3Exception}s the SDK would throw (status and S3 error code parsed from the
 * XML body), so {@link S3Store#translate} words them. Throttling, 5xx and I/O errors are retried here with
 * exponential backoff and jitter, like the SDK's standard strategy.
 */
final class SignedRequests implements AutoCloseable {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "InternalError", "RequestTimeout",
            "ServiceUnavailable", "Throttling", "ThrottlingException"); // not the clock's: a retry alone cannot fix a clock
    /** S3's answers to a request signed too far from its own time (15 minutes for S3). */
    static final Set<String> CLOCK_ERRORS = Set.of("RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture");
    /** For the one pre-signed URL {@link #forBucket} reads its layout and scope from; it is never sent. */
    private static final Duration PROBE_LIFETIME = Duration.ofMinutes(15);

    private final URI bucketUrl;
    /** TLS protects a body sent over https; over plain http a Content-MD5 must. */
    private final boolean https;
    private final String signingRegion;
    private final String signingName;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Clock clock;
    /**
     * How far the server's clock is from {@link #clock}, learnt from its answer to a request it found signed too far
     * off, as the SDK client learns it: an agent whose clock drifted still copies, and the SDK path and this one agree.
     */
    private volatile Duration clockOffset = Duration.ZERO;
    private final OkHttpClient http;
    private final RetryPolicy<Object> retry;

    /**
     * @param bucketUrl     where the bucket's keys live, ending with '/' ({@code http://host:port/bucket/} path-style,
     *                      {@code https://bucket.s3.region.amazonaws.com/} virtual-hosted)
     * @param signingRegion the SigV4 region the SDK's endpoint rules chose for the bucket
     * @param signingName   the SigV4 service name ({@code s3})
     * @param proxy         the HTTP proxy the store's SDK client uses too, so both paths leave the same way
     * @param clock         signing time, corrected by the server's when it refuses a request's time
     */
    SignedRequests(URI bucketUrl, String signingRegion, String signingName, AwsCredentialsProvider credentials, StoreOptions options,
                   ProxyConfiguration proxy, Clock clock) {
        if (!bucketUrl.getRawPath().endsWith("/")) {
            throw new IllegalArgumentException("bucket URL must end with '/': " + bucketUrl);
        }
        this.bucketUrl = bucketUrl;
        this.https = "https".equalsIgnoreCase(bucketUrl.getScheme());
        this.signingRegion = signingRegion;
        this.signingName = signingName;
        this.credentials = credentials;
        this.clock = clock;
        this.http = new OkHttpClient.Builder()
                // S3 closes idle connections after about 20 s; reusing one it closed costs a retry.
                .connectionPool(new ConnectionPool(options.maxConnections(), 15, TimeUnit.SECONDS))
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .followRedirects(false) // a redirect means another region: report it, never re-send elsewhere
                // Retries are ours (below), so that a failing content is never sent twice by the HTTP layer.
                .retryOnConnectionFailure(false)
                .proxySelector(new SdkProxies(proxy))
                .proxyAuthenticator(SdkProxies.authenticator(proxy))
                .build();
        this.retry = RetryPolicy.builder()
                .handleIf(SignedRequests::isTransient)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(20))
                .withJitter(0.5)
                .withMaxAttempts(options.maxAttempts())
                .build();
    }

    /**
     * Asks the SDK's presigner once where the bucket's keys live and how requests to it are signed (its endpoint
     * rules: path-style or virtual-hosted, region, custom endpoint), then signs every PUT with the SDK's SigV4 signer
     * alone: the presigner's full pipeline costs as much CPU per request as the client's.
     */
    static SignedRequests forBucket(S3Presigner presigner, String bucket, AwsCredentialsProvider credentials, StoreOptions options,
                                    ProxyConfiguration proxy, Clock clock) {
        String probe = "dtr-migrate-probe-key";
        URL url = presigner.presignPutObject(b -> b.signatureDuration(PROBE_LIFETIME)
                .putObjectRequest(r -> r.bucket(bucket).key(probe))).url();
        URI uri;
        try {
            uri = url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the SDK made an invalid URL for bucket " + bucket, e);
        }
        String path = uri.getRawPath();
        if (!path.endsWith("/" + probe)) {
            throw new IllegalStateException("unexpected object URL layout for bucket " + bucket + ": " + uri.getScheme() + "://" + uri.getRawAuthority() + path);
        }
        // X-Amz-Credential = <key id>/<date>/<region>/<service>/aws4_request
        String credential = null;
        for (String parameter : uri.getRawQuery().split("&")) {
            if (parameter.startsWith("X-Amz-Credential=")) {
                credential = URLDecoder.decode(parameter.substring("X-Amz-Credential=".length()), StandardCharsets.UTF_8);
            }
        }
        String[] scope = credential == null ? new String[0] : credential.split("/");
        if (scope.length < 5) {
            throw new IllegalStateException("the SDK's pre-signed URL for bucket " + bucket + " carries no credential scope");
        }
        URI base = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path.substring(0, path.length() - probe.length()));
        return new SignedRequests(base, scope[scope.length - 3], scope[scope.length - 2], credentials, options, proxy, clock);
    }

    /**
     * The bucket's URL on an S3-compatible server addressed path-style, as the SDK's endpoint rules make it for an
     * endpoint override with path-style access: the endpoint's path with a trailing '/', then the encoded bucket. No
     * presigner is built for it: that alone loads some 800 SDK classes, a third of a short re-run's start-up.
     */
    static URI pathStyleBucketUrl(URI endpoint, String bucket) {
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        if (!path.endsWith("/")) {
            path += "/";
        }
        return URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + path + SdkHttpUtils.urlEncode(bucket) + "/");
    }

    URI bucketUrl() {
        return bucketUrl;
    }

    String signingRegion() {
        return signingRegion;
    }

    /**
     * Whether a key can be sent as a URL path here: OkHttp resolves {@code .} and {@code ..} segments, which would
     * put the object elsewhere than signed. Such keys go through the SDK client.
     */
    static boolean addressable(String objectKey) {
        for (String segment : objectKey.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Puts a buffered object with its Content-MD5 (checked by the server). */
    void put(String objectKey, byte[] content, byte[] md5) throws IOException {
        send(objectKey, Md5.base64(md5), () -> new ByteArrayInputStream(content), content.length);
    }

    /**
     * Puts re-readable content, streaming it from a fresh stream on every attempt. Over https it is read once, as it
     * is sent. Over plain http a first read hashes it for the Content-MD5 that the server checks what it received
     * against; the copy is then sent from {@link ContentSource#reopen()}, which need not check it again: whatever the
     * server stores matches the first read, and the first read passed the content's own checks.
     */
    void put(String objectKey, ContentSource content) throws IOException {
        if (https) {
            send(objectKey, null, content::open, content.length());
        } else {
            send(objectKey, Md5.base64(md5(content)), content::reopen, content.length());
        }
    }

    /** The MD5 of a whole read of the content; its failures, a wrong length included, are the content's. */
    private static byte[] md5(ContentSource content) throws ContentFailure {
        MessageDigest md5 = Md5.digest();
        long read = 0;
        try (InputStream in = content.open()) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                md5.update(buffer, 0, n);
                read += n;
            }
        } catch (ContentFailure e) {
            throw e;
        } catch (IOException e) {
            throw new ContentFailure(e);
        }
        if (read != content.length()) {
            throw new ContentFailure(new IOException("the content had " + read + " bytes, expected " + content.length()));
        }
        return md5.digest();
    }

    /** One page of a listing: objects (keys as stored, with the root prefix), common prefixes, the next page's token. */
    record Page(List<ObjectInfo> objects, List<String> commonPrefixes, String nextToken) {
    }

    /**
     * One ListObjectsV2 page under {@code prefix}, with {@code delimiter} when not null, continuing at {@code token}
     * when not null. Keys are asked URL-encoded (XML cannot carry every byte a key may hold) and decoded when the
     * server says it encoded them.
     */
    Page list(String prefix, String delimiter, String token) throws IOException {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(bucketUrl)
                .putRawQueryParameter("list-type", "2")
                .putRawQueryParameter("prefix", prefix)
                .putRawQueryParameter("encoding-type", "url")
                .putRawQueryParameter("max-keys", "1000");
        if (delimiter != null) {
            unsigned.putRawQueryParameter("delimiter", delimiter);
        }
        if (token != null) {
            unsigned.putRawQueryParameter("continuation-token", token);
        }
        return get(unsigned.build(), SignedRequests::parsePage);
    }

    /** Reads an XML answer into what the caller needs; a document it cannot read is an IOException. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] xml) throws IOException;
    }

    /** A signed GET, retried like every request here (an unreadable answer too, as a garbled transfer may cause it). */
    private <T> T get(SdkHttpRequest request, Parser<T> parser) throws IOException {
        return correctingClock(() -> {
            try {
                return Failsafe.with(retry).get(() -> {
                    try (Response response = http.newCall(sign(request, null, 0).request().get().build()).execute()) {
                        // Bytes, not a String: the XML reader decodes them once (a listing page is ~300 KB).
                        byte[] body = response.body() == null ? new byte[0] : response.body().bytes();
                        if (!response.isSuccessful()) {
                            throw failure(response, new String(body, StandardCharsets.UTF_8));
                        }
                        return parser.parse(body);
                    }
                });
            } catch (FailsafeException e) {
                throw unwrap(e);
            }
        });
    }

    /** An exchange with its retries. */
    @FunctionalInterface
    private interface Exchange<T> {
        T call() throws IOException;
    }

    /**
     * Runs the exchange once more, signed with the server's time, when the server refused its time and told this
     * instance (or a concurrent request) its clock meanwhile. Once: if it is refused again, the clock is not the cause.
     */
    private <T> T correctingClock(Exchange<T> exchange) throws IOException {
        Duration before = clockOffset;
        try {
            return exchange.call();
        } catch (S3Exception e) {
            if (!isClockError(e) || clockOffset.equals(before)) {
                throw e;
            }
            return exchange.call();
        }
    }

    static boolean isClockError(S3Exception e) {
        return e.awsErrorDetails() != null && CLOCK_ERRORS.contains(e.awsErrorDetails().errorCode());
    }

    /** The error for a failed answer; one that refuses the request's time also sets the clock offset from its Date. */
    private S3Exception failure(Response response, String body) {
        S3Exception e = error(response.code(), body, response.header("x-amz-request-id"));
        String date = response.header("Date");
        if (isClockError(e) && date != null) {
            try {
                Instant server = DateUtils.parseRfc1123Date(date);
                clockOffset = Duration.between(clock.instant(), server);
            } catch (RuntimeException unreadable) {
                // No usable server time: the error stands, worded by S3Store as a clock problem.
            }
        }
        return e;
    }

    /** The time to sign with: this machine's, corrected by what the server said of its own. */
    Clock signingClock() {
        return Clock.offset(clock, clockOffset);
    }

    /** A multipart upload started and neither completed nor aborted; {@code initiated} is null when the server does not say. */
    record Upload(String key, String uploadId, Instant initiated) {
    }

    /** One page of in-progress multipart uploads (keys as stored), and the markers of the next page (null on the last). */
    record UploadsPage(List<Upload> uploads, String nextKeyMarker, String nextUploadIdMarker) {
    }

    /**
     * One ListMultipartUploads page under {@code prefix}, continuing after {@code keyMarker}/{@code uploadIdMarker}
     * when not null. Keys are asked URL-encoded, as for {@link #list}.
     */
    UploadsPage uploads(String prefix, String keyMarker, String uploadIdMarker) throws IOException {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(bucketUrl)
                .putRawQueryParameter("uploads", (String) null)
                .putRawQueryParameter("prefix", prefix)
                .putRawQueryParameter("encoding-type", "url");
        if (keyMarker != null) {
            unsigned.putRawQueryParameter("key-marker", keyMarker);
            if (uploadIdMarker != null) {
                unsigned.putRawQueryParameter("upload-id-marker", uploadIdMarker);
            }
        }
        return get(unsigned.build(), SignedRequests::parseUploads);
    }

    static UploadsPage parseUploads(byte[] xml) throws IOException {
        String notAList = "S3 answered a multipart upload listing with a document that is not a ListMultipartUploadsResult";
        List<Upload> uploads = new ArrayList<>();
        String nextKey = null;
        String nextUploadId = null;
        boolean truncated = false;
        boolean urlEncoded = false;
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            reader.nextTag();
            if (!reader.getLocalName().equals("ListMultipartUploadsResult")) {
                throw new IOException(notAList + ": <" + reader.getLocalName() + ">");
            }
            String key = null;
            String uploadId = null;
            String initiated = null;
            boolean inUpload = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "Upload" -> {
                            inUpload = true;
                            key = null;
                            uploadId = null;
                            initiated = null;
                        }
                        case "Key" -> key = inUpload ? reader.getElementText() : key;
                        case "UploadId" -> uploadId = inUpload ? reader.getElementText().trim() : uploadId;
                        case "Initiated" -> initiated = inUpload ? reader.getElementText().trim() : initiated;
                        case "NextKeyMarker" -> nextKey = reader.getElementText();
                        case "NextUploadIdMarker" -> nextUploadId = reader.getElementText().trim();
                        case "IsTruncated" -> truncated = Boolean.parseBoolean(reader.getElementText().trim());
                        case "EncodingType" -> urlEncoded = "url".equalsIgnoreCase(reader.getElementText().trim());
                        default -> {
                        }
                    }
                } else if (event == XMLStreamReader.END_ELEMENT && reader.getLocalName().equals("Upload")) {
                    inUpload = false;
                    if (key == null || key.isEmpty() || uploadId == null || uploadId.isEmpty()) {
                        throw new IOException("S3 multipart upload listing entry without Key or UploadId");
                    }
                    uploads.add(new Upload(key, uploadId, initiated(initiated)));
                }
            }
        } catch (XMLStreamException | NoSuchElementException e) {
            throw new IOException(notAList + ": " + e.getMessage(), e);
        }
        if (truncated && (nextKey == null || nextKey.isEmpty())) {
            throw new IOException("S3 multipart upload listing is truncated but carries no NextKeyMarker");
        }
        if (urlEncoded) {
            try {
                // Key and NextKeyMarker come encoded; UploadId and NextUploadIdMarker never are.
                uploads.replaceAll(u -> new Upload(decode(u.key()), u.uploadId(), u.initiated()));
                nextKey = truncated ? decode(nextKey) : null;
            } catch (IllegalArgumentException e) {
                throw new IOException(notAList + ": a key is not URL-encoded (" + e.getMessage() + ")", e);
            }
        }
        return new UploadsPage(List.copyOf(uploads), truncated ? nextKey : null,
                truncated && nextUploadId != null && !nextUploadId.isEmpty() ? nextUploadId : null);
    }

    /** Read as the SDK reads S3's timestamps; none (some S3-compatible servers) is null, a garbled one is refused. */
    private static Instant initiated(String text) throws IOException {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return DateUtils.parseIso8601Date(text);
        } catch (RuntimeException e) {
            throw new IOException("S3 multipart upload listing entry with an unreadable Initiated time: '" + text + "'", e);
        }
    }

    static Page parsePage(byte[] xml) throws IOException {
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String next = null;
        boolean truncated = false;
        boolean urlEncoded = false;
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            // Another well-formed document read as a page would be an empty listing: the copier would take the
            // side for empty (copy everything again, or, on the source side with --delete, delete what it lacks).
            reader.nextTag();
            if (!reader.getLocalName().equals("ListBucketResult")) {
                throw new IOException("S3 answered a listing with a document that is not a ListBucketResult: <" + reader.getLocalName() + ">");
            }
            String key = null;
            long size = -1;
            String etag = null;
            boolean inContents = false;
            boolean inPrefixes = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "Contents" -> {
                            inContents = true;
                            key = null;
                            size = -1;
                            etag = null;
                        }
                        case "CommonPrefixes" -> inPrefixes = true;
                        case "Key" -> key = inContents ? reader.getElementText() : key;
                        case "Size" -> size = inContents ? Long.parseLong(reader.getElementText().trim()) : size;
                        case "ETag" -> etag = inContents ? reader.getElementText() : etag;
                        case "Prefix" -> {
                            if (inPrefixes) {
                                prefixes.add(reader.getElementText());
                            }
                        }
                        case "NextContinuationToken" -> next = reader.getElementText();
                        case "IsTruncated" -> truncated = Boolean.parseBoolean(reader.getElementText().trim());
                        case "EncodingType" -> urlEncoded = "url".equalsIgnoreCase(reader.getElementText().trim());
                        default -> {
                        }
                    }
                } else if (event == XMLStreamReader.END_ELEMENT) {
                    if (reader.getLocalName().equals("Contents")) {
                        inContents = false;
                        if (key == null || size < 0) {
                            throw new IOException("S3 listing entry without Key or Size");
                        }
                        objects.add(new ObjectInfo(key, size, Md5.fromEtag(etag)));
                    } else if (reader.getLocalName().equals("CommonPrefixes")) {
                        inPrefixes = false;
                    }
                }
            }
        } catch (XMLStreamException | NumberFormatException | NoSuchElementException e) {
            throw new IOException("S3 answered a listing with a document that is not a ListBucketResult: " + e.getMessage(), e);
        }
        if (truncated && (next == null || next.isEmpty())) {
            throw new IOException("S3 listing is truncated but carries no NextContinuationToken");
        }
        if (urlEncoded) {
            try {
                objects.replaceAll(o -> new ObjectInfo(decode(o.key()), o.size(), o.md5Hex()));
                prefixes.replaceAll(SignedRequests::decode);
            } catch (IllegalArgumentException e) {
                throw new IOException("S3 answered a listing with a document that is not a ListBucketResult: a key is not URL-encoded ("
                        + e.getMessage() + ")", e);
            }
        }
        return new Page(List.copyOf(objects), List.copyOf(prefixes), truncated ? next : null);
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8); // S3 encodes a space as '+', a '+' as %2B
    }

    /** Configured once, then only asked for readers (thread-safe): a constant, not state. */
    private static final XMLInputFactory XML = xmlFactory();

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    /**
     * Signs in headers, so no secret (a session token) or replayable signature travels in a URL that proxies and
     * access logs record. The payload is {@code UNSIGNED-PAYLOAD}, as rclone and the AWS CLI send it; the body is bound
     * to the request otherwise: over plain http by a signed Content-MD5, which every S3 server checks, over https by
     * TLS. The path is not encoded twice (S3). Signed anew for every attempt: fresh credentials, a fresh date.
     *
     * @param payload the body, or null for none
     * @param length  the body's length (ignored without a body)
     */
    private Signed sign(SdkHttpRequest unsigned, ContentSource.Opener payload, long length) {
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(unsigned)
                // The signer never sees a body: it would read it to hash it over plain http.
                .payload(payload == null ? EMPTY : null)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, signingClock()));
        SdkHttpRequest headers = signed.request();
        Request.Builder request = new Request.Builder().url(headers.getUri().toString());
        headers.forEachHeader((name, values) -> {
            // OkHttp writes the same Host from the URL, and Content-Length from the body
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> request.addHeader(name, value));
            }
        });
        return new Signed(request, payload, length);
    }

    /** A signed request: its headers, and its body. */
    private record Signed(Request.Builder request, ContentSource.Opener body, long length) {
        Request put() {
            return request.put(new StreamingBody(body, length)).build();
        }
    }

    private static final software.amazon.awssdk.http.ContentStreamProvider EMPTY = () -> InputStream.nullInputStream();

    private static IOException unwrap(FailsafeException e) throws IOException {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new InterruptedIOException("interrupted");
        }
        throw e;
    }

    /** @param contentMd5 the body's Content-MD5 (base64), which the server checks; null over https only */
    private void send(String objectKey, String contentMd5, ContentSource.Opener body, long length) throws IOException {
        correctingClock(() -> {
            try {
                Failsafe.with(retry).run(() -> attempt(objectKey, contentMd5, body, length));
                return null;
            } catch (FailsafeException e) {
                throw unwrap(e);
            }
        });
    }

    private void attempt(String objectKey, String contentMd5, ContentSource.Opener body, long length) throws IOException {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PUT)
                .uri(URI.create(bucketUrl + SdkHttpUtils.urlEncodeIgnoreSlashes(objectKey)))
                .putHeader("Content-Type", OCTET_STREAM.toString());
        if (contentMd5 != null) {
            unsigned.putHeader("Content-MD5", contentMd5);
        }
        try (Response response = http.newCall(sign(unsigned.build(), body, length).put()).execute()) {
            if (!response.isSuccessful()) {
                throw failure(response, response.body() == null ? "" : response.body().string());
            }
        }
    }

    /** The SDK's exception for an error answer, so that callers treat both paths alike. */
    static S3Exception error(int status, String body, String requestId) {
        String code = null;
        String message = null;
        if (!body.isBlank()) {
            try {
                XMLStreamReader xml = XML.createXMLStreamReader(new StringReader(body));
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamReader.START_ELEMENT) {
                        String name = xml.getLocalName();
                        if (name.equals("Code") && code == null) {
                            code = xml.getElementText().trim();
                        } else if (name.equals("Message") && message == null) {
                            message = xml.getElementText().trim();
                        }
                    }
                }
            } catch (XMLStreamException e) {
                // Not S3's XML (a proxy's HTML page, say): the status alone must do.
            }
        }
        String text = (message != null ? message : "HTTP " + status) + " (Status Code: " + status
                + (code != null ? ", Error Code: " + code : "") + (requestId != null ? ", Request ID: " + requestId : "") + ")";
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .requestId(requestId)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("S3").build())
                .message(text)
                .build();
    }

    static boolean isTransient(Throwable t) {
        if (t instanceof S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return e.statusCode() >= 500 || e.statusCode() == 429 || (code != null && RETRYABLE_CODES.contains(code));
        }
        // Network failures; not the content's own failures (a source read error or digest mismatch), which the
        // body reports as ContentFailure, nor an interrupt.
        return t instanceof IOException && !(t instanceof ContentFailure)
                && !(t instanceof InterruptedIOException && Thread.currentThread().isInterrupted());
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** A failure of the content being sent, not of the network: never retried, reported as its cause. */
    static final class ContentFailure extends IOException {
        ContentFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Streams the body from a fresh stream each time OkHttp writes it (it writes it again after a 407 from a proxy or
     * a 503 with Retry-After: 0), opened only when the request is written: a request that never connects leaves
     * nothing open (a source GET holds a pooled connection).
     */
    private static final class StreamingBody extends RequestBody {
        private final ContentSource.Opener opener;
        private final long length;

        StreamingBody(ContentSource.Opener opener, long length) {
            this.opener = opener;
            this.length = length;
        }

        @Override
        public MediaType contentType() {
            return OCTET_STREAM;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            InputStream in;
            try {
                in = opener.open();
            } catch (IOException e) {
                throw new ContentFailure(e);
            }
            try (in; Source source = Okio.source(new ContentFailures(in))) {
                long written = 0;
                for (long n; (n = source.read(sink.getBuffer(), 64 * 1024)) != -1; ) {
                    written += n;
                    sink.emitCompleteSegments();
                }
                if (written != length) {
                    throw new ContentFailure(new IOException("the content had " + written + " bytes, expected " + length));
                }
            }
        }
    }

    /** Marks exceptions thrown by the content stream, so they are told apart from the socket's. */
    private static final class ContentFailures extends java.io.FilterInputStream {
        ContentFailures(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ContentFailure e) {
                throw e;
            } catch (IOException e) {
                throw new ContentFailure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ContentFailure e) {
                throw e;
            } catch (IOException e) {
                throw new ContentFailure(e);
            }
        }
    }
}
