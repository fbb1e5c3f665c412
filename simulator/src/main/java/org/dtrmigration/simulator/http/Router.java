package org.dtrmigration.simulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Method + path-template routing. Templates are '/'-separated; a {@code {name}} segment matches
 * exactly one (percent-decoded) path segment.
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Access access, Handler handler) {
        routes.add(new Route(method, split(template), access, handler));
        return this;
    }

    public Router get(String template, Access access, Handler handler) {
        return add("GET", template, access, handler);
    }

    public Router post(String template, Access access, Handler handler) {
        return add("POST", template, access, handler);
    }

    public Router delete(String template, Access access, Handler handler) {
        return add("DELETE", template, access, handler);
    }

    /** A route and its path parameters. */
    public record Match(Route route, Map<String, String> params) {
    }

    /** One registered route. */
    public record Route(String method, List<String> segments, Access access, Handler handler) {
    }

    /** The result of routing: a match, a path that exists with other methods (405), or nothing (404). */
    public sealed interface Result {
        record Found(Match match) implements Result {
        }

        record WrongMethod() implements Result {
        }

        record NotFound() implements Result {
        }
    }

    public Result route(String method, String rawPath) {
        List<String> path = split(rawPath);
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = match(route.segments(), path);
            if (params.isPresent()) {
                if (route.method().equals(method) || (method.equals("HEAD") && route.method().equals("GET"))) {
                    return new Result.Found(new Match(route, params.get()));
                }
                pathKnown = true;
            }
        }
        return pathKnown ? new Result.WrongMethod() : new Result.NotFound();
    }

    private static Optional<Map<String, String>> match(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = path.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                String value = URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                params.put(t.substring(1, t.length() - 1), value);
            } else if (!t.equals(p)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** Splits a path into segments, ignoring one trailing slash ("/api/v0/jobs/" is "/api/v0/jobs"). */
    static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return segments;
        }
        for (String s : trimmed.split("/", -1)) {
            segments.add(s);
        }
        return segments;
    }
}
