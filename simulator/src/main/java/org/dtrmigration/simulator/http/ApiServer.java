package org.dtrmigration.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.dtrmigration.simulator.faults.Fault;
import org.dtrmigration.simulator.faults.Faults;

/**
 * The HTTP front: the JDK's built-in server, one dispatcher that applies injected faults, then
 * routing, authentication and authorisation, then the handler. Logs method, path and status only:
 * never headers, so never a credential.
 */
public final class ApiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());

    private final Router router;
    private final Authenticator authenticator;
    private final Faults faults;
    private final RequestLog requestLog;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final BooleanSupplier down;

    public ApiServer(InetSocketAddress address, Router router, Authenticator authenticator, Faults faults,
                     RequestLog requestLog, Clock clock) throws IOException {
        this(address, router, authenticator, faults, requestLog, clock, () -> false);
    }

    /**
     * @param down while true, every path but the simulator's own {@code /_sim/} control answers 503:
     *             DTR is not installed (every replica destroyed)
     */
    public ApiServer(InetSocketAddress address, Router router, Authenticator authenticator, Faults faults,
                     RequestLog requestLog, Clock clock, BooleanSupplier down) throws IOException {
        this.down = down;
        this.router = router;
        this.authenticator = authenticator;
        this.faults = faults;
        this.requestLog = requestLog;
        this.clock = clock;
        this.server = HttpServer.create(address, 64);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dtr-simulator-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    public void start() {
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        ApiRequest request = null;
        int status = -1;
        boolean recorded = false;
        try (exchange) {
            Duration latency = faults.latencyFor(method, path);
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            Optional<Fault> fault = faults.take(method, path);
            if (fault.isPresent()) {
                status = faultStatus(fault.get());
                record(method, path, query, status, null);
                recorded = true;
                applyFault(exchange, fault.get());
                return;
            }
            ApiResponse response;
            if (down.getAsBoolean() && !path.startsWith("/_sim/")) {
                response = ApiResponse.text(503, "text/plain; charset=utf-8", "503 Service Unavailable: no DTR replica is running\n");
            } else if (faults.notADtr() && path.startsWith("/api/")) {
                // what a Go server that is not DTR answers for a path it does not know
                response = ApiResponse.text(404, "text/plain; charset=utf-8", "404 page not found\n");
            } else {
                try {
                    Router.Match match = match(method, path);
                    request = authorize(exchange, match, method, path, query);
                    response = match.route().handler().handle(request);
                } catch (ApiException e) {
                    response = ApiResponse.json(e.status(), Json.errors(e.code(), e.getMessage()));
                } catch (RuntimeException | IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "handler failed for " + method + " " + path, e);
                    response = ApiResponse.json(500, Json.errors("INTERNAL_ERROR", "internal error: " + e.getClass().getSimpleName()));
                }
            }
            status = response.status();
            // Record before answering, so a client that has its answer also sees the record.
            record(method, path, query, status, request);
            recorded = true;
            send(exchange, method, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away during " + method + " " + path);
        } finally {
            if (!recorded) {
                record(method, path, query, status, request);
            }
        }
    }

    private void record(String method, String path, String query, int answered, ApiRequest request) {
        String user = request == null || request.user() == null ? null : request.user().name();
        requestLog.add(new RequestRecord(clock.instant(), method, path, query, answered, user));
        LOG.log(System.Logger.Level.DEBUG, () -> method + " " + path + " -> " + (answered < 0 ? "dropped" : answered));
    }

    private Router.Match match(String method, String path) throws ApiException {
        Router.Result result = router.route(method, path);
        if (result instanceof Router.Result.Found found) {
            return found.match();
        }
        if (result instanceof Router.Result.WrongMethod) {
            throw new ApiException(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path);
        }
        throw ApiException.notFound("NOT_FOUND", "no route for " + path);
    }

    /** Checks credentials as the route demands (401 / 403) and reads the body. */
    private ApiRequest authorize(HttpExchange exchange, Router.Match match, String method, String path, String query)
            throws ApiException, IOException {
        ApiRequest.AuthenticatedUser user = null;
        Access access = match.route().access();
        if (access != Access.ANYONE) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null) {
                throw new ApiException(401, "NOT_AUTHENTICATED", "authentication required");
            }
            user = authenticator.authenticate(header)
                    .orElseThrow(() -> new ApiException(401, "NOT_AUTHENTICATED", "invalid username or token"));
            if (access == Access.ADMIN && !user.admin()) {
                throw new ApiException(403, "NOT_AUTHORIZED", "user " + user.name() + " is not an admin");
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new ApiRequest(method, path, match.params(), parseQuery(query), body, user);
    }

    private static int faultStatus(Fault fault) {
        if (fault instanceof Fault.Drop) {
            return -1;
        }
        return fault instanceof Fault.Html html ? html.status() : ((Fault.Status) fault).status();
    }

    private void applyFault(HttpExchange exchange, Fault fault) throws IOException {
        if (fault instanceof Fault.Drop) {
            // Closing without response headers makes the JDK server close the connection: the
            // client sees an empty reply / unexpected end of stream.
            return;
        }
        ApiResponse response;
        if (fault instanceof Fault.Html html) {
            response = ApiResponse.text(html.status(), "text/html; charset=utf-8",
                    "<!DOCTYPE html>\n<html><head><title>Sign in</title></head>"
                            + "<body><form action=\"/login\" method=\"post\">Please sign in</form></body></html>\n");
        } else {
            int status = ((Fault.Status) fault).status();
            response = ApiResponse.text(status, "text/plain; charset=utf-8", statusText(status) + "\n");
        }
        send(exchange, exchange.getRequestMethod(), response);
    }

    private static String statusText(int status) {
        return switch (status) {
            case 502 -> "502 Bad Gateway";
            case 503 -> "503 Service Unavailable";
            case 504 -> "504 Gateway Timeout";
            case 429 -> "429 Too Many Requests";
            default -> status + " error";
        };
    }

    private static void send(HttpExchange exchange, String method, ApiResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        if (body == null || response.status() == 204 || method.equals("HEAD")) {
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }
}
