package org.dtrmigration.simulator.http;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A routed request: path parameters, query parameters (first value wins), body and the caller. */
public record ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                         byte[] body, AuthenticatedUser user) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    /** An integer query parameter; a value that is not a number in range is a 400. */
    public int intParam(String name, int defaultValue, int min) throws ApiException {
        Optional<String> raw = queryParam(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min) {
                throw ApiException.badRequest("INVALID_PARAMETERS", name + " must be at least " + min);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("INVALID_PARAMETERS", name + " must be an integer");
        }
    }

    /** The authenticated caller: name and whether they are an admin. */
    public record AuthenticatedUser(String name, boolean admin) {
    }
}
