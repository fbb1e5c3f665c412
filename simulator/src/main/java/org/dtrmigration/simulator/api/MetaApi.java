package org.dtrmigration.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dtrmigration.simulator.http.Access;
import org.dtrmigration.simulator.http.ApiRequest;
import org.dtrmigration.simulator.http.ApiResponse;
import org.dtrmigration.simulator.http.ApiException;
import org.dtrmigration.simulator.http.Json;
import org.dtrmigration.simulator.http.Router;
import org.dtrmigration.simulator.faults.Faults;
import org.dtrmigration.simulator.jobs.GcLock;
import org.dtrmigration.simulator.settings.Settings;

/** {@code /_ping}, {@code docs.json}, settings, cluster status and features. */
public final class MetaApi {
    private final String title;
    private final String version;
    private final Map<String, Boolean> features;
    private final Settings settings;
    private final Supplier<List<String>> replicas;
    private final GcLock gcLock;
    private final Faults faults;
    private final Clock clock;

    public MetaApi(String title, String version, Map<String, Boolean> features, Settings settings,
                   List<String> replicas, GcLock gcLock, Faults faults, Clock clock) {
        this(title, version, features, settings, () -> replicas, gcLock, faults, clock);
    }

    /** @param replicas the replicas that exist now (a destroy removes some) */
    public MetaApi(String title, String version, Map<String, Boolean> features, Settings settings,
                   Supplier<List<String>> replicas, GcLock gcLock, Faults faults, Clock clock) {
        this.title = title;
        this.version = version;
        this.features = Map.copyOf(features);
        this.settings = settings;
        this.replicas = replicas;
        this.gcLock = gcLock;
        this.faults = faults;
        this.clock = clock;
    }

    public void register(Router router) {
        router.get("/_ping", Access.ANYONE, this::ping)
                // docs.json is what the UI's API explorer loads; served without credentials.
                .get("/api/v0/docs.json", Access.ANYONE, r -> docs())
                .get("/api/v0/meta/settings", Access.ADMIN, r -> ApiResponse.ok(settings.snapshot()))
                .post("/api/v0/meta/settings", Access.ADMIN, this::updateSettings)
                .get("/api/v0/meta/cluster_status", Access.ADMIN, r -> clusterStatus())
                .get("/api/v0/meta/features", Access.USER, r -> ApiResponse.ok(Json.map(features)));
    }

    private ApiResponse ping(ApiRequest request) {
        boolean healthy = !faults.unhealthy();
        ObjectNode body = Json.object().put("Error", healthy ? "" : "replica is unhealthy").put("Healthy", healthy);
        return ApiResponse.json(healthy ? 200 : 503, body);
    }

    private ApiResponse docs() {
        ObjectNode root = Json.object().put("swagger", "2.0");
        root.putObject("info").put("title", title + " API").put("version", version)
                .put("description", "API for " + title + " (simulated)");
        root.put("basePath", "/");
        root.putObject("paths");
        return ApiResponse.ok(root);
    }

    private ApiResponse updateSettings(ApiRequest request) throws ApiException {
        settings.apply(Json.parse(request.body(), "INVALID_SETTINGS"));
        return ApiResponse.json(202, settings.snapshot());
    }

    private ApiResponse clusterStatus() {
        ObjectNode root = Json.object();
        ObjectNode health = root.putObject("replica_health");
        ObjectNode timestamps = root.putObject("replica_timestamp");
        ObjectNode readOnly = root.putObject("replica_readonly");
        String now = Json.time(clock.instant());
        Map<String, Boolean> effective = settings.readOnly().effective();
        for (String replica : replicas.get()) {
            health.put(replica, "OK");
            timestamps.put(replica, now);
            readOnly.put(replica, effective.get(replica));
        }
        root.put("gc_lock_holder", gcLock.holder());
        return ApiResponse.ok(root);
    }
}
