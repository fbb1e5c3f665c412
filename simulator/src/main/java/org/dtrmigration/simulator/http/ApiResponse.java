package org.dtrmigration.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to send: status, optional body with its content type, extra headers. */
public record ApiResponse(int status, byte[] body, String contentType, Map<String, String> headers) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Json.bytes(body), "application/json", Map.of());
    }

    public static ApiResponse ok(JsonNode body) {
        return json(200, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null, Map.of());
    }

    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, body.getBytes(StandardCharsets.UTF_8), contentType, Map.of());
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, body, contentType, copy);
    }
}
