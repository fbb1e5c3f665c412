package org.dtrmigration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Predicate;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A deliberately plain test client (OkHttp, no retries) so the tests see exactly what the
 * simulator answers; independent of the project's own DTR client.
 */
final class Api {
    static final String ADMIN = "admin";
    static final String ADMIN_TOKEN = "admin-token-0123";
    static final String DEV = "dev";
    static final String DEV_TOKEN = "dev-token-4567";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final OkHttpClient http = new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .callTimeout(Duration.ofSeconds(30))
            .build();

    Api(URI base) {
        this.base = base;
    }

    record Reply(int status, String contentType, okhttp3.Headers headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.get(name);
        }

        /** The first error code of DTR's error JSON. */
        String errorCode() {
            return json().path("errors").path(0).path("code").asText();
        }
    }

    Reply get(String path) throws IOException {
        return send("GET", path, null, ADMIN, ADMIN_TOKEN);
    }

    Reply get(String path, String user, String token) throws IOException {
        return send("GET", path, null, user, token);
    }

    Reply post(String path, String body) throws IOException {
        return send("POST", path, body, ADMIN, ADMIN_TOKEN);
    }

    Reply post(String path, String body, String user, String token) throws IOException {
        return send("POST", path, body, user, token);
    }

    Reply delete(String path) throws IOException {
        return send("DELETE", path, null, ADMIN, ADMIN_TOKEN);
    }

    Reply send(String method, String path, String body, String user, String token) throws IOException {
        Request.Builder request = new Request.Builder().url(base.resolve(path).toString());
        if (user != null) {
            request.header("Authorization", Credentials.basic(user, token));
        }
        RequestBody requestBody = body == null
                ? (method.equals("POST") ? RequestBody.create(new byte[0]) : null)
                : RequestBody.create(body, MediaType.get("application/json"));
        request.method(method, requestBody);
        try (Response response = http.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.header("Content-Type"), response.headers(),
                    response.body() == null ? "" : response.body().string());
        }
    }

    /** Polls a GET until the predicate holds; fails after a generous timeout. */
    Reply await(String path, Predicate<Reply> until) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Reply last;
        do {
            last = get(path);
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("condition never held for " + path + "; last answer " + last.status() + " " + last.body());
    }

    /** Waits for a job to finish and returns its JSON. */
    JsonNode awaitJob(String id) throws IOException, InterruptedException {
        return await("/api/v0/jobs/" + id, r -> {
            String s = r.json().path("status").asText();
            return s.equals("done") || s.equals("errored") || s.equals("canceled");
        }).json();
    }
}
