package org.dtrmigration.storage;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Single-request PutObject through a pre-signed URL sent with OkHttp, the way rclone uploads single parts.
 *
 * <p>Why: a registry is mostly 71-byte link files, and the SDK's full client pipeline (endpoint rules,
 * interceptors, marshalling, retries, metrics, the Apache client) costs about 0.8 ms of CPU per PutObject, several
 * times the cost of the request itself on a fast network. Pre-signing runs the SDK's own endpoint resolution and
 * SigV4 signer (so addressing, regions and credentials stay the SDK's business) and leaves only the HTTP exchange
 * to OkHttp. A pre-signed request carries {@code UNSIGNED-PAYLOAD}, so neither side hashes the body for the
 * signature: small bodies carry a signed Content-MD5 the server checks, large ones are protected by TLS and by the
 * caller's own digest check while they stream.
 *
 * <p>Errors come back as the same {@link S3Exception}s the SDK would throw (status and S3 error code parsed from the
 * XML body), so {@link S3Store#translate} words them. Throttling, 5xx and I/O errors are retried here with
 * exponential backoff and jitter, like the SDK's standard strategy.
 */
final class PresignedPuts implements AutoCloseable {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "InternalError", "RequestTimeout",
            "ServiceUnavailable", "Throttling", "ThrottlingException", "RequestTimeTooSkewed");
    /** Long enough for the slowest single PUT to start; the signature is checked when the request arrives. */
    private static final Duration SIGNATURE_LIFETIME = Duration.ofMinutes(15);

    private final S3Presigner presigner;
    private final OkHttpClient http;
    private final String bucket;
    private final RetryPolicy<Object> retry;

    PresignedPuts(S3Presigner presigner, String bucket, StoreOptions options) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(options.maxConnections(), 5, TimeUnit.MINUTES))
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .followRedirects(false) // a redirect means another region: report it, never re-send elsewhere
                // Retries are ours (below), so that a failing content is never sent twice by the HTTP layer.
                .retryOnConnectionFailure(false)
                .build();
        this.retry = RetryPolicy.builder()
                .handleIf(PresignedPuts::isTransient)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(20))
                .withJitter(0.5)
                .withMaxAttempts(options.maxAttempts())
                .build();
    }

    /** Puts a buffered object with its Content-MD5 (checked by the server). */
    void put(String objectKey, byte[] content, byte[] md5) throws IOException {
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(objectKey)
                .contentLength((long) content.length).contentType(OCTET_STREAM.toString()).contentMD5(Md5.base64(md5)).build();
        send(request, () -> new ByteArrayInputStream(content), content.length);
    }

    /** Puts re-readable content, streaming it from a fresh stream on every attempt. */
    void put(String objectKey, ContentSource content) throws IOException {
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(objectKey)
                .contentLength(content.length()).contentType(OCTET_STREAM.toString()).build();
        send(request, content::open, content.length());
    }

    private void send(PutObjectRequest request, ContentSource.Opener body, long length) throws IOException {
        try {
            Failsafe.with(retry).run(() -> attempt(request, body, length));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            throw e;
        }
    }

    private void attempt(PutObjectRequest put, ContentSource.Opener body, long length) throws IOException {
        // Signed anew for every attempt: fresh credentials from the provider, a fresh date.
        PresignedPutObjectRequest signed = presigner.presignPutObject(b -> b.signatureDuration(SIGNATURE_LIFETIME).putObjectRequest(put));
        Request.Builder request = new Request.Builder().url(signed.url()).put(new StreamingBody(body, length));
        for (Map.Entry<String, List<String>> header : signed.signedHeaders().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("host")) { // OkHttp writes the same Host from the URL
                for (String value : header.getValue()) {
                    request.addHeader(header.getKey(), value);
                }
            }
        }
        try (Response response = http.newCall(request.build()).execute()) {
            if (!response.isSuccessful()) {
                throw error(response.code(), response.body() == null ? "" : response.body().string(), response.header("x-amz-request-id"));
            }
        }
    }

    /** The SDK's exception for an error answer, so that callers treat both paths alike. */
    static S3Exception error(int status, String body, String requestId) {
        String code = null;
        String message = null;
        if (!body.isBlank()) {
            try {
                XMLInputFactory factory = XMLInputFactory.newFactory();
                factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
                factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
                XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(body));
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
        presigner.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** A failure of the content being sent, not of the network: never retried, reported as its cause. */
    static final class ContentFailure extends IOException {
        ContentFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Streams the body from a fresh stream each time OkHttp writes it (a retry on a stale connection re-writes it). */
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
