package org.dtrmigration.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.dtrmigration.events.EventSink;

/**
 * HTTP for the DTR/MSR API: authentication, TLS, retries of safe requests, and the translation of
 * failures into {@link DtrException}s that say what to fix. The token only ever goes into the
 * Authorization header.
 */
final class ApiTransport implements Closeable {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(502, 503, 504);

    /** A fully read answer; bodies of this API are small JSON documents. */
    record Answer(int code, String contentType, String body, okhttp3.Headers headers) {
        boolean isJson() {
            return contentType != null && contentType.contains("json");
        }
    }

    private final DtrEndpoint endpoint;
    private final ClientOptions options;
    private final EventSink events;
    private final ObjectMapper mapper;
    private final OkHttpClient client;
    /** Same pool, but OkHttp must not silently resend requests that are not safe to repeat. */
    private final OkHttpClient noRetryClient;
    private final String authorization;

    ApiTransport(DtrEndpoint endpoint, ClientOptions options, EventSink events, ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.options = options;
        this.events = events;
        this.mapper = mapper;
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .followRedirects(false);
        configureTls(builder, endpoint, events);
        this.client = builder.build();
        this.noRetryClient = client.newBuilder().retryOnConnectionFailure(false).build();
        this.authorization = Credentials.basic(endpoint.username(), endpoint.token().reveal());
    }

    private static void configureTls(OkHttpClient.Builder builder, DtrEndpoint endpoint, EventSink events) {
        TlsOptions tls = endpoint.tls();
        if (tls.insecureSkipVerify()) {
            events.warn("TLS certificate verification is DISABLED for " + endpoint.url()
                    + " (insecure option). Anyone between this machine and DTR can read the access token.");
            X509TrustManager trustAll = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
                builder.sslSocketFactory(context.getSocketFactory(), trustAll).hostnameVerifier((host, session) -> true);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS", e);
            }
        } else if (tls.caPem() != null) {
            HandshakeCertificates.Builder certs = new HandshakeCertificates.Builder().addPlatformTrustedCertificates();
            for (String pem : splitPem(tls.caPem())) {
                try {
                    certs.addTrustedCertificate(Certificates.decodeCertificatePem(pem));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("caCertificate: not a valid PEM certificate: " + e.getMessage());
                }
            }
            HandshakeCertificates hc = certs.build();
            builder.sslSocketFactory(hc.sslSocketFactory(), hc.trustManager());
        }
    }

    static List<String> splitPem(String bundle) {
        String end = "-----END CERTIFICATE-----";
        List<String> out = new java.util.ArrayList<>();
        int from = 0;
        while (true) {
            int begin = bundle.indexOf("-----BEGIN CERTIFICATE-----", from);
            if (begin < 0) {
                break;
            }
            int stop = bundle.indexOf(end, begin);
            if (stop < 0) {
                throw new IllegalArgumentException("caCertificate: unterminated PEM certificate");
            }
            out.add(bundle.substring(begin, stop + end.length()));
            from = stop + end.length();
        }
        return out;
    }

    HttpUrl.Builder url(String... segments) {
        HttpUrl base = HttpUrl.get(endpoint.url().toString());
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b;
    }

    /**
     * Sends a request and returns the answer, which has a 2xx status. Safe requests are retried on
     * connection failures and 502/503/504 with backoff and jitter; unsafe ones ({@code idempotent}
     * false) are sent exactly once unless the connection could not even be opened.
     */
    Answer send(String method, HttpUrl url, JsonNode body, boolean idempotent) throws DtrException {
        RequestBody requestBody = body == null ? (method.equals("POST") || method.equals("PUT") ? RequestBody.create(new byte[0], JSON) : null)
                : RequestBody.create(writeJson(body), JSON);
        Request request = new Request.Builder()
                .url(url)
                .method(method, requestBody)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build();
        String what = method + " " + url.encodedPath();
        RetryPolicy<Answer> policy = RetryPolicy.<Answer>builder()
                .handleIf((answer, failure) -> failure != null
                        ? isRetryable(failure, idempotent)
                        : idempotent && RETRYABLE_STATUS.contains(answer.code()))
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .withJitter(0.3)
                .withMaxRetries(options.maxRetries())
                .withMaxDuration(options.retryBudget())
                .onRetry(e -> events.warn("DTR request " + what + " failed ("
                        + (e.getLastException() != null ? describe(e.getLastException()) : "HTTP " + e.getLastResult().code())
                        + "); retrying, attempt " + (e.getAttemptCount() + 1)))
                .build();
        OkHttpClient http = idempotent ? client : noRetryClient;
        Answer answer;
        try {
            answer = Failsafe.with(policy).get(() -> execute(http, request));
        } catch (FailsafeException e) {
            throw translate(e.getCause() != null ? e.getCause() : e, what, idempotent);
        }
        if (answer.code() >= 200 && answer.code() < 300) {
            return answer;
        }
        throw statusError(answer, what);
    }

    private static Answer execute(OkHttpClient http, Request request) throws IOException {
        try (okhttp3.Response response = http.newCall(request).execute()) {
            String contentType = response.header("Content-Type");
            String text = response.body() == null ? "" : response.body().string();
            return new Answer(response.code(), contentType, text, response.headers());
        }
    }

    private static boolean isRetryable(Throwable failure, boolean idempotent) {
        if (failure instanceof SSLException || failure instanceof UnknownHostException) {
            return false; // will not heal by itself
        }
        if (!idempotent) {
            return failure instanceof ConnectException; // never sent: safe to try again
        }
        return failure instanceof IOException;
    }

    private DtrException translate(Throwable failure, String what, boolean idempotent) {
        if (failure instanceof DtrException d) {
            return d;
        }
        if (failure instanceof SSLException) {
            return new DtrException.TlsFailure("TLS verification failed for " + endpoint.url() + ": " + failure.getMessage()
                    + ". Provide the CA certificate that signed DTR's certificate (caCertificate / --ca-bundle)", failure);
        }
        if (failure instanceof UnknownHostException) {
            return new DtrException.Unreachable("cannot reach " + endpoint.url() + ": unknown host "
                    + endpoint.url().getHost(), failure);
        }
        if (failure instanceof java.net.SocketTimeoutException) {
            // OkHttp words this "timeout" or "Read timed out" depending on where it happened: say it one way.
            return new DtrException.Unreachable(endpoint.url() + " did not answer " + what + " in time (timeout: connect "
                    + options.connectTimeout().toSeconds() + " s, read " + options.readTimeout().toMillis() / 1000.0
                    + " s)" + (idempotent ? "" : ". The request is not safe to repeat and was not resent; check the DTR UI"
                    + " (System > Job Logs) before trying again"), failure);
        }
        if (failure instanceof InterruptedIOException) {
            Thread.currentThread().interrupt();
        }
        String hint = idempotent ? "" : " The request is not safe to repeat and was not resent; check the DTR UI"
                + " (System > Job Logs) before trying again.";
        return new DtrException.Unreachable("cannot reach " + endpoint.url() + " (" + what + "): "
                + describe(failure) + "." + hint, failure);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private DtrException statusError(Answer answer, String what) {
        String user = endpoint.username();
        String url = endpoint.url().toString();
        switch (answer.code()) {
            case 401:
                return new DtrException.AuthenticationFailed("authentication failed for user '" + user + "' at " + url
                        + ": check the access token");
            case 403:
                return new DtrException.PermissionDenied("user '" + user + "' is not a DTR/MSR administrator at " + url
                        + " (" + what + " answered 403)");
            default:
                break;
        }
        ApiErrorBody error = parseError(answer);
        if (answer.code() == 404 && error == null) {
            return new DtrException.NotDtr(url + " does not look like a DTR/MSR API: " + what
                    + " answered 404. Check the URL: it must be DTR/MSR's address, not UCP/MKE's");
        }
        String detail = error == null ? "" : " " + error.code() + (error.message() == null ? "" : ": " + error.message());
        return new DtrException.ApiError("DTR/MSR at " + url + " answered " + answer.code() + " for " + what + detail,
                answer.code(), error == null ? null : error.code());
    }

    private record ApiErrorBody(String code, String message) {
    }

    private ApiErrorBody parseError(Answer answer) {
        if (!answer.isJson()) {
            return null;
        }
        try {
            JsonNode errors = mapper.readTree(answer.body()).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                return new ApiErrorBody(first.path("code").asText("UNKNOWN"), first.path("message").asText(null));
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Parses a 2xx answer's JSON, or says clearly that this is not the DTR API answering. */
    JsonNode json(Answer answer, String what) throws DtrException {
        if (!answer.isJson()) {
            throw new DtrException.NotDtr(endpoint.url() + " does not look like a DTR/MSR API: " + what + " answered "
                    + (answer.contentType() == null ? "no content type" : answer.contentType()) + " instead of JSON"
                    + ". Check the URL (a proxy or login page may be answering)");
        }
        try {
            return mapper.readTree(answer.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DtrException.NotDtr(endpoint.url() + " answered " + what + " with invalid JSON: " + e.getOriginalMessage());
        }
    }

    <T> T convert(JsonNode node, Class<T> type, String what) throws DtrException {
        try {
            return mapper.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DtrException.NotDtr(endpoint.url() + " answered " + what + " with an unexpected document: "
                    + e.getOriginalMessage());
        }
    }

    private byte[] writeJson(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectMapper mapper() {
        return mapper;
    }

    DtrEndpoint endpoint() {
        return endpoint;
    }


    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
