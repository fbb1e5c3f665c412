package org.dtrmigration.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dtrmigration.secret.Secret;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A registry root in an S3 bucket (AWS or S3-compatible): single-request PUTs and listings through
 * {@link SignedRequests} (the SDK's signer, OkHttp), everything else through the AWS SDK v2 sync client.
 * Keys map to {@code <prefix>/<key>}.
 */
public final class S3Store implements ObjectStore {

    private static final String OCTET_STREAM = "application/octet-stream";
    /** S3 allows at most this many parts per upload. */
    private static final int MAX_PARTS = 10_000;
    /**
     * Re-readable content up to this size goes in one streamed PutObject: no buffering, no part requests, and
     * servers that assemble multipart uploads by copying (S3Proxy, MinIO on a filesystem) are spared that copy.
     */
    static final long SINGLE_PUT_LIMIT = 256L * StoreOptions.MiB;
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
            "InvalidToken", "TokenRefreshRequired", "InvalidClientTokenId", "InvalidSecurity");

    private final S3Location location;
    private final StoreOptions options;
    /** The SDK client, built on first use: {@link #s3()}. */
    private volatile S3Client sdk;
    private final Object sdkLock = new Object();
    private boolean closed; // under sdkLock
    private final String root;
    private final String where;
    private final List<Secret> secrets;
    private final PartUploader parts;
    private final AwsCredentialsProvider credentialsProvider;
    private final ProxyConfiguration proxy;
    private final String region;
    private volatile SignedRequests requests; // made on first use, under this store's lock
    /** No configured region or endpoint: the client follows the bucket to its region, a signed URL must know it. */
    boolean lookUpBucketRegion;

    public S3Store(S3Location location, S3Credentials credentials, StoreOptions options) {
        this.location = Objects.requireNonNull(location, "location");
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(credentials, "credentials");
        this.secrets = credentials.secrets();
        this.root = location.prefix().isEmpty() ? "" : location.prefix() + "/";
        String region = resolveRegion(location, credentials);
        this.where = location.endpoint() != null ? location.endpoint().toString() : "AWS S3 (" + region + ")";
        this.credentialsProvider = provider(credentials);
        this.proxy = ProxyConfiguration.builder().build(); // the SDK's default: system properties, then environment
        this.region = region;
        this.lookUpBucketRegion = location.region() == null && location.endpoint() == null;
        this.parts = new PartUploader("s3-" + location.bucket(), options.partThreads(), options.partMemory());
    }

    private static String resolveRegion(S3Location location, S3Credentials credentials) {
        if (location.region() != null) {
            return location.region();
        }
        if (location.endpoint() != null) {
            return "us-east-1"; // S3-compatible servers accept it (and SigV4 needs some region)
        }
        try {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
            if (credentials instanceof S3Credentials.DefaultChain d && d.profile() != null) {
                chain.profileName(d.profile());
            }
            return chain.build().getRegion().id();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("S3 location " + location.toUri()
                    + " names no region: add ?region=REGION (or 'region' in the DTR storage config), or set AWS_REGION");
        }
    }

    /**
     * The SDK client for what the signed requests do not send (HEAD, GET, DELETE, multipart uploads, keys with dot
     * segments), built on first use: loading and configuring it (about 2,000 classes) is the largest fixed cost of a
     * cold CLI run, and a re-run that only lists and PUTs small objects never needs it.
     */
    private S3Client s3() {
        S3Client built = sdk; // every SDK request asks: no lock once it is built
        if (built != null) {
            return built;
        }
        synchronized (sdkLock) {
            if (closed) {
                throw new IllegalStateException("S3 store " + describe() + " is closed");
            }
            if (sdk == null) {
                sdk = buildClient(location, credentialsProvider, options, region, proxy);
            }
            return sdk;
        }
    }

    /** Whether the SDK client was built (for tests). */
    boolean sdkClientBuilt() {
        return sdk != null;
    }

    private static S3Client buildClient(S3Location location, AwsCredentialsProvider credentials, StoreOptions options, String region,
                                        ProxyConfiguration proxy) {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder()
                .proxyConfiguration(proxy)
                .maxConnections(options.maxConnections())
                .connectionTimeout(options.connectTimeout())
                .socketTimeout(options.readTimeout())
                // Callers may queue on a busy pool on purpose (more workers than connections): that is not an error.
                .connectionAcquisitionTimeout(Duration.ofMinutes(5))
                // Apache would add "Expect: 100-continue" to every body; NoExpectContinueForSmallBodies decides instead.
                .expectContinueEnabled(false)
                .tcpKeepAlive(true);
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(http)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(location.pathStyle())
                // SDK >= 2.30 sends CRC32 trailers in aws-chunked bodies by default, which several S3-compatible
                // servers reject or store mangled. We send Content-MD5 ourselves on every PUT and part instead,
                // and do so for AWS too, so the one request shape we test against S3Proxy is the one we ship.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // What goes through this client is small or a part with its Content-MD5: signed whole (a plain body
                // with Content-Length) rather than as an aws-chunked stream, which only large single PUTs need.
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
                // The SDK's standard strategy: exponential backoff with jitter, longer for throttling (503 SlowDown).
                // Its circuit breaker is off: a bulk copy should ride out a throttling storm rather than fail fast.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(options.maxAttempts())
                        .circuitBreakerEnabled(false)
                        .build())
                        .addExecutionInterceptor(new NoExpectContinueForSmallBodies()));
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint());
        } else {
            builder.crossRegionAccessEnabled(true); // follow a bucket that lives in another region than configured
        }
        return builder.build();
    }

    /**
     * The pre-signed PUT path. Without a configured region the client follows the bucket to its region
     * (cross-region access) but a pre-signed URL cannot: ask the bucket where it lives first (HeadBucket).
     */
    private SignedRequests requests() throws IOException {
        SignedRequests made = requests; // every PUT and listing page asks: no lock once it is made
        return made != null ? made : makeRequests();
    }

    private synchronized SignedRequests makeRequests() throws IOException {
        if (requests == null) {
            String bucketRegion = region;
            if (lookUpBucketRegion) {
                String actual;
                try {
                    actual = s3().headBucket(b -> b.bucket(location.bucket())).bucketRegion();
                } catch (S3Exception e) {
                    if (e.statusCode() == 404) { // HEAD answers carry no error code
                        throw new StorageAccessException(StorageAccessException.Reason.MISSING_CONTAINER,
                                "bucket '" + location.bucket() + "' does not exist at " + where, e);
                    }
                    throw translate(e, "find the region of", location.bucket());
                } catch (SdkException e) {
                    throw translate(e, "find the region of", location.bucket());
                }
                bucketRegion = actual != null ? actual : region;
            }
            requests = signedRequests(bucketRegion);
        }
        return requests;
    }

    private SignedRequests signedRequests(String bucketRegion) {
        java.time.Clock clock = java.time.Clock.systemUTC();
        if (location.endpoint() != null && location.pathStyle()) {
            // The one layout an S3-compatible server needs, made directly (tests hold it to the presigner's).
            return new SignedRequests(SignedRequests.pathStyleBucketUrl(location.endpoint(), location.bucket()), bucketRegion, "s3",
                    credentialsProvider, options, proxy, clock);
        }
        try (S3Presigner presigner = buildPresigner(location, credentialsProvider, bucketRegion)) {
            return SignedRequests.forBucket(presigner, location.bucket(), credentialsProvider, options, proxy, clock);
        }
    }

    static S3Presigner buildPresigner(S3Location location, AwsCredentialsProvider credentials, String region) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(location.pathStyle()).build());
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider provider(S3Credentials credentials) {
        if (credentials instanceof S3Credentials.AccessKey key) {
            return StaticCredentialsProvider.create(key.sessionToken() == null
                    ? AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey().reveal())
                    : AwsSessionCredentials.create(key.accessKeyId(), key.secretAccessKey().reveal(), key.sessionToken().reveal()));
        }
        S3Credentials.DefaultChain chain = (S3Credentials.DefaultChain) credentials;
        DefaultCredentialsProvider.Builder builder = DefaultCredentialsProvider.builder();
        if (chain.profile() != null) {
            builder.profileName(chain.profile());
        }
        return builder.build();
    }

    public S3Location location() {
        return location;
    }

    @Override
    public String describe() {
        return "s3://" + location.bucket() + "/" + location.prefix() + (location.endpoint() != null ? " at " + location.endpoint() : "");
    }

    @Override
    public boolean md5InListings() {
        return true;
    }

    @Override
    public ObjectListing list(String prefix) throws IOException {
        Listing listing = new Listing(prefix);
        listing.fetch(); // the first page now, so a missing bucket or bad credentials fail here, not mid-iteration
        return listing;
    }

    @Override
    public List<String> listChildren(String prefix) throws IOException {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("listChildren needs a prefix ending with '/': '" + prefix + "'");
        }
        List<String> children = new ArrayList<>();
        String token = null;
        do {
            SignedRequests.Page page = page(prefix, "/", token);
            for (String common : page.commonPrefixes()) {
                if (common.startsWith(root)) {
                    children.add(common.substring(root.length()));
                }
            }
            for (ObjectInfo object : page.objects()) {
                if (!object.key().endsWith("/") && object.key().startsWith(root)) { // not a directory marker object
                    children.add(object.key().substring(root.length()));
                }
            }
            token = page.nextToken();
        } while (token != null);
        children.sort(Utf8Order.COMPARATOR);
        return children;
    }

    private SignedRequests.Page page(String prefix, String delimiter, String token) throws IOException {
        try {
            return requests().list(root + prefix, delimiter, token);
        } catch (SdkException e) {
            throw translate(e, "list", prefix);
        } catch (IOException e) {
            throw network(e, "list", prefix);
        }
    }

    /** Words a failure of the signed requests' HTTP exchange (after their retries) like the SDK path's. */
    private IOException network(IOException e, String action, String key) {
        if (e instanceof StorageAccessException || e instanceof java.io.InterruptedIOException) {
            return e;
        }
        if (hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class)) {
            return new StorageAccessException(StorageAccessException.Reason.UNREACHABLE,
                    "cannot reach S3 at " + where + " for bucket '" + location.bucket() + "': " + Secret.redact(String.valueOf(e.getMessage()), secrets), e);
        }
        return new IOException(Secret.redact("S3 could not " + action + " '" + key + "' in bucket '" + location.bucket() + "' at " + where
                + ": " + e, secrets), e);
    }

    /**
     * Aborts multipart uploads under the prefix that were started before the instant and never completed. They are
     * listed with signed requests; the SDK client is built only to abort one (a clean re-run finds none).
     */
    @Override
    public int abortIncompleteWrites(String prefix, java.time.Instant startedBefore, java.util.function.Predicate<String> keys)
            throws IOException {
        String action = "clean up incomplete uploads under";
        int aborted = 0;
        String keyMarker = null;
        String uploadIdMarker = null;
        do {
            SignedRequests.UploadsPage page;
            try {
                page = requests().uploads(root + prefix, keyMarker, uploadIdMarker);
            } catch (SdkException e) {
                throw translate(e, action, prefix);
            } catch (IOException e) {
                throw network(e, action, prefix);
            }
            for (SignedRequests.Upload upload : page.uploads()) {
                // S3-compatible servers may report no (or a made-up) initiation time: then only the key decides.
                boolean old = upload.initiated() == null || upload.initiated().isBefore(startedBefore);
                if (old && upload.key().startsWith(root) && keys.test(upload.key().substring(root.length()))) {
                    try {
                        s3().abortMultipartUpload(b -> b.bucket(location.bucket()).key(upload.key()).uploadId(upload.uploadId()));
                    } catch (SdkException e) {
                        throw translate(e, action, prefix);
                    }
                    aborted++;
                }
            }
            if (page.nextKeyMarker() != null && page.nextKeyMarker().equals(keyMarker)
                    && Objects.equals(page.nextUploadIdMarker(), uploadIdMarker)) {
                throw new IOException("S3 could not " + action + " '" + prefix + "' in bucket '" + location.bucket() + "' at " + where
                        + ": the multipart upload listing does not advance (next page starts at '" + keyMarker + "' again)");
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        } while (keyMarker != null);
        return aborted;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        try {
            HeadObjectResponse head = s3().headObject(b -> b.bucket(location.bucket()).key(objectKey(key)));
            return Optional.of(new ObjectInfo(key, head.contentLength(), Md5.fromEtag(head.eTag())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                // HEAD answers carry no error code, so a missing bucket looks like a missing key here.
                return Optional.empty();
            }
            throw translate(e, "stat", key);
        } catch (SdkException e) {
            throw translate(e, "stat", key);
        }
    }

    @Override
    public InputStream read(String key) throws IOException {
        try {
            return s3().getObject(b -> b.bucket(location.bucket()).key(objectKey(key)));
        } catch (SdkException e) {
            throw translate(e, "read", key);
        }
    }

    @Override
    public void write(String key, InputStream content, long length, byte[] md5) throws IOException {
        String objectKey = objectKey(key);
        long threshold = options.multipartThreshold();
        if (length >= 0 && length > threshold) {
            writeMultipart(key, objectKey, content, length, md5);
            return;
        }
        // Length unknown or small: buffer up to the threshold; one byte more means it is large after all.
        byte[] head = content.readNBytes((int) threshold + 1);
        if (head.length > threshold) {
            writeMultipart(key, objectKey, new SequenceInputStream(new ByteArrayInputStream(head), content), length, md5);
            return;
        }
        WriteChecks.length(key, length, head.length);
        byte[] actual = Md5.of(head, 0, head.length);
        WriteChecks.md5(key, md5, actual);
        try {
            if (SignedRequests.addressable(objectKey)) {
                requests().put(objectKey, head, actual);
            } else {
                s3().putObject(b -> b.bucket(location.bucket()).key(objectKey).contentLength((long) head.length)
                        .contentType(OCTET_STREAM).contentMD5(Md5.base64(actual)), RequestBody.fromBytes(head));
            }
        } catch (SdkException e) {
            throw translate(e, "write", key);
        } catch (IOException e) {
            throw network(e, "write", key);
        }
    }

    /**
     * Streams a re-readable object above the multipart threshold in a single PutObject (see {@link SignedRequests}),
     * opening the content anew for each attempt. Over https it is read once per attempt (TLS protects the body; callers
     * like the copier verify the content's own digest as it streams and fail the request before its last byte when it
     * does not match). Over plain http a first, checked read computes the Content-MD5 that the server checks the body
     * against, so nothing is sent of content that fails its own checks, and nothing the server did not receive intact
     * is stored. A failure of the content itself (a source read error, a digest mismatch) is thrown as it was, not retried.
     */
    @Override
    public void write(String key, ContentSource content) throws IOException {
        long length = content.length();
        if (length <= options.multipartThreshold() || length > SINGLE_PUT_LIMIT || !SignedRequests.addressable(objectKey(key))) {
            ObjectStore.super.write(key, content);
            return;
        }
        try {
            requests().put(objectKey(key), content);
        } catch (SignedRequests.ContentFailure e) {
            throw (IOException) e.getCause();
        } catch (SdkException e) {
            throw translate(e, "write", key);
        } catch (IOException e) {
            throw network(e, "write", key);
        }
    }

    private void writeMultipart(String key, String objectKey, InputStream content, long length, byte[] md5) throws IOException {
        String uploadId;
        try {
            uploadId = s3().createMultipartUpload(b -> b.bucket(location.bucket()).key(objectKey).contentType(OCTET_STREAM)).uploadId();
        } catch (SdkException e) {
            throw translate(e, "write", key);
        }
        try {
            PartUploader.Result result = parts.upload(content, partSize(length), (number, data, n, partMd5) -> {
                try {
                    return s3().uploadPart(b -> b.bucket(location.bucket()).key(objectKey).uploadId(uploadId).partNumber(number)
                                    .contentLength((long) n).contentMD5(Md5.base64(partMd5)),
                            RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, n), n, OCTET_STREAM)).eTag();
                } catch (SdkException e) {
                    throw translate(e, "write part " + number + " of", key);
                }
            }, md5 != null); // S3 keeps no whole-object MD5 for multipart uploads: compute it only to check it
            WriteChecks.length(key, length, result.length());
            if (md5 != null) {
                WriteChecks.md5(key, md5, result.md5());
            }
            List<CompletedPart> completed = new ArrayList<>(result.partIds().size());
            for (int i = 0; i < result.partIds().size(); i++) {
                completed.add(CompletedPart.builder().partNumber(i + 1).eTag(result.partIds().get(i)).build());
            }
            try {
                s3().completeMultipartUpload(b -> b.bucket(location.bucket()).key(objectKey).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed)));
            } catch (SdkException e) {
                throw translate(e, "write", key);
            }
        } catch (IOException | RuntimeException | Error e) {
            // Abort so no invisible, billed parts are left behind; the object itself was never created.
            try {
                s3().abortMultipartUpload(b -> b.bucket(location.bucket()).key(objectKey).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                e.addSuppressed(translate(abortFailure, "abort the multipart upload of", key));
            }
            throw e;
        }
    }

    /** The configured part size, grown for huge objects so that they fit in S3's 10,000 parts. */
    private int partSize(long length) {
        long needed = length < 0 ? 0 : (length + MAX_PARTS - 1) / MAX_PARTS;
        return (int) Math.max(options.partSize(), Math.min(needed, Integer.MAX_VALUE - 16));
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3().deleteObject(b -> b.bucket(location.bucket()).key(objectKey(key))); // S3 answers 204 for missing keys too
        } catch (SdkException e) {
            throw translate(e, "delete", key);
        }
    }

    @Override
    public void close() {
        parts.close();
        synchronized (this) {
            if (requests != null) {
                requests.close();
            }
        }
        S3Client built;
        synchronized (sdkLock) {
            closed = true;
            built = sdk;
        }
        if (built != null) {
            built.close();
        }
        if (credentialsProvider instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing to do about a credentials cache that will not close
            }
        }
    }

    private String objectKey(String key) {
        return WriteChecks.under(root, key);
    }

    /** Turns SDK errors into messages a person can act on; never includes a secret. */
    IOException translate(SdkException e, String action, String key) {
        String bucket = location.bucket();
        if (e instanceof S3Exception s3e) {
            String code = s3e.awsErrorDetails() == null ? null : s3e.awsErrorDetails().errorCode();
            int status = s3e.statusCode();
            if ("NoSuchBucket".equals(code)) {
                return new StorageAccessException(StorageAccessException.Reason.MISSING_CONTAINER,
                        "bucket '" + bucket + "' does not exist at " + where, e);
            }
            if (code != null && SignedRequests.CLOCK_ERRORS.contains(code)) {
                return new StorageAccessException(StorageAccessException.Reason.CLOCK_SKEW,
                        "S3 at " + where + " refused the time of a request for bucket '" + bucket + "' (" + code + "), even after "
                                + "taking S3's own time from its answer: set this machine's clock right (NTP)", e);
            }
            if (code != null && CREDENTIAL_ERRORS.contains(code)) {
                return new StorageAccessException(StorageAccessException.Reason.BAD_CREDENTIALS,
                        "S3 rejected the credentials for bucket '" + bucket + "' at " + where + " (" + code + "): check "
                                + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN (or the AWS profile) or the credentialsId", e);
            }
            if (status == 403) {
                return new StorageAccessException(StorageAccessException.Reason.ACCESS_DENIED,
                        "S3 denied " + action + " '" + key + "' in bucket '" + bucket + "' at " + where + " ("
                                + (code == null ? "HTTP 403" : code) + "): check that the credentials (AWS_ACCESS_KEY_ID/… or the "
                                + "credentialsId) are right and allowed to read, write, list and delete in the bucket", e);
            }
            if ("NoSuchKey".equals(code)) {
                NoSuchObjectException missing = new NoSuchObjectException(describe(), key);
                missing.initCause(e);
                return missing;
            }
            if ("BadDigest".equals(code) || "InvalidDigest".equals(code)) {
                return new IOException("S3 received content for '" + key + "' that does not match its MD5 (" + code
                        + "); nothing written", e);
            }
            if ("PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)
                    || ("AuthorizationQueryParametersError".equals(code) && String.valueOf(s3e.getMessage()).contains("region"))) {
                return new StorageAccessException(StorageAccessException.Reason.MISSING_CONTAINER,
                        "bucket '" + bucket + "' is not in the configured region at " + where + " (" + code
                                + "): set ?region= to the bucket's region", e);
            }
            return new IOException(Secret.redact("S3 could not " + action + " '" + key + "' in bucket '" + bucket + "' at " + where
                    + ": " + s3e.getMessage(), secrets), e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load credentials")) {
            return new StorageAccessException(StorageAccessException.Reason.NO_CREDENTIALS,
                    "no AWS credentials found for bucket '" + bucket + "': set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                            + "or AWS_PROFILE, or run on a machine with an instance role, or pass a credentialsId", e);
        }
        if (hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class)) {
            return new StorageAccessException(StorageAccessException.Reason.UNREACHABLE,
                    "cannot reach S3 at " + where + " for bucket '" + bucket + "': " + Secret.redact(message, secrets), e);
        }
        return new IOException(Secret.redact("S3 could not " + action + " '" + key + "' in bucket '" + bucket + "' at " + where
                + ": " + message, secrets), e);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The SDK asks for "Expect: 100-continue" on every PutObject and UploadPart, which costs a round trip
     * before the body is sent. That protects large bodies from being sent in vain; for the many tiny
     * link files of a registry it only adds latency. Like botocore, keep it for bodies of 1 MiB and more.
     */
    static final class NoExpectContinueForSmallBodies implements ExecutionInterceptor {
        static final long LIMIT = 1024 * 1024;

        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            if (request.firstMatchingHeader("Expect").isEmpty()) {
                return request;
            }
            long length = request.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(Long.MAX_VALUE);
            return length < LIMIT ? request.toBuilder().removeHeader("Expect").build() : request;
        }
    }

    /** Streams ListObjectsV2 pages (1000 keys each) as the caller iterates: constant memory for any bucket size. */
    private final class Listing implements ObjectListing {
        private final String prefix;
        private Iterator<ObjectInfo> current = java.util.Collections.emptyIterator();
        private String token;
        private boolean last;
        private ObjectInfo next;

        Listing(String prefix) {
            this.prefix = prefix;
        }

        void fetch() throws IOException {
            SignedRequests.Page page = page(prefix, null, token);
            current = page.objects().iterator();
            token = page.nextToken();
            last = token == null;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    if (current.hasNext()) {
                        ObjectInfo object = current.next();
                        String key = object.key();
                        // Skip "directory" marker objects some tools create: no registry key ends with '/'.
                        if (key.startsWith(root) && !key.endsWith("/") && key.length() > root.length()) {
                            next = new ObjectInfo(key.substring(root.length()), object.size(), object.md5Hex());
                        }
                    } else if (last) {
                        return false;
                    } else {
                        fetch();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }

        @Override
        public ObjectInfo next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ObjectInfo result = next;
            next = null;
            return result;
        }

        @Override
        public void close() {
            // Nothing held between pages: the next page is fetched only when asked.
        }
    }
}
