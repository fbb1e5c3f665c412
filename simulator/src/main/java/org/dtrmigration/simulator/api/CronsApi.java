package org.dtrmigration.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.dtrmigration.simulator.crons.Cron;
import org.dtrmigration.simulator.crons.CronService;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.http.Access;
import org.dtrmigration.simulator.http.ApiException;
import org.dtrmigration.simulator.http.ApiRequest;
import org.dtrmigration.simulator.http.ApiResponse;
import org.dtrmigration.simulator.http.Json;
import org.dtrmigration.simulator.http.Router;

/** {@code /api/v0/crons}: list, create/update (keyed by action), get and delete. Admins only. */
public final class CronsApi {
    private static final String INVALID = "INVALID_CRON";

    private final CronService crons;

    public CronsApi(CronService crons) {
        this.crons = crons;
    }

    public void register(Router router) {
        router.get("/api/v0/crons", Access.ADMIN, r -> list())
                .post("/api/v0/crons", Access.ADMIN, this::put)
                .get("/api/v0/crons/{action}", Access.ADMIN, this::get)
                .delete("/api/v0/crons/{action}", Access.ADMIN, this::delete);
    }

    private ApiResponse list() {
        ObjectNode root = Json.object();
        ArrayNode array = root.putArray("crons");
        crons.list().forEach(c -> array.add(toJson(c)));
        return ApiResponse.ok(root);
    }

    private ApiResponse put(ApiRequest request) throws ApiException {
        JsonNode body = Json.parse(request.body(), "INVALID_JSON");
        if (!body.isObject()) {
            throw ApiException.badRequest(INVALID, "a cron must be a JSON object");
        }
        String action = text(body, "action", true);
        String schedule = text(body, "schedule", true);
        JsonNode retries = body.path("retries");
        if (!retries.isMissingNode() && !retries.isNull() && (!retries.canConvertToInt() || !retries.isIntegralNumber())) {
            throw ApiException.badRequest(INVALID, "\"retries\" must be an integer");
        }
        try {
            CronSpec spec = new CronSpec(action, schedule, retries.asInt(0), capacityMap(body.path("capacityMap")),
                    object(body, "parameters"), text(body, "deadline", false), text(body, "stopTimeout", false));
            return ApiResponse.json(202, toJson(crons.put(spec)));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(INVALID, e.getMessage());
        }
    }

    private ApiResponse get(ApiRequest request) throws ApiException {
        String action = request.pathParam("action");
        return ApiResponse.ok(toJson(crons.get(action).orElseThrow(() -> noSuchCron(action))));
    }

    private ApiResponse delete(ApiRequest request) throws ApiException {
        String action = request.pathParam("action");
        if (!crons.delete(action)) {
            throw noSuchCron(action);
        }
        return ApiResponse.noContent();
    }

    private static ApiException noSuchCron(String action) {
        return ApiException.notFound("NO_SUCH_CRON", "no cron for action " + action);
    }

    private static String text(JsonNode body, String field, boolean required) throws ApiException {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw ApiException.badRequest(INVALID, "a cron needs \"" + field + "\"");
            }
            return "";
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(INVALID, "\"" + field + "\" must be a string");
        }
        return node.asText();
    }

    private static Map<String, Object> object(JsonNode body, String field) throws ApiException {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(INVALID, "\"" + field + "\" must be an object");
        }
        return Json.toMap(node);
    }

    private static Map<String, Integer> capacityMap(JsonNode node) throws ApiException {
        Map<String, Integer> map = new HashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(INVALID, "\"capacityMap\" must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isIntegralNumber()) {
                throw ApiException.badRequest(INVALID, "\"capacityMap\" values must be integers");
            }
            map.put(e.getKey(), e.getValue().asInt());
        }
        return map;
    }

    static ObjectNode toJson(Cron cron) {
        CronSpec s = cron.spec();
        ObjectNode node = Json.object()
                .put("id", cron.id())
                .put("action", s.action())
                .put("schedule", s.schedule())
                .put("retries", s.retries());
        node.set("capacityMap", Json.map(s.capacityMap()));
        node.set("parameters", Json.map(s.parameters()));
        node.put("deadline", s.deadline()).put("stopTimeout", s.stopTimeout()).put("nextRun", Json.time(cron.nextRun()));
        return node;
    }
}
