package org.dtrmigration.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.dtrmigration.simulator.http.Access;
import org.dtrmigration.simulator.http.ApiException;
import org.dtrmigration.simulator.http.ApiRequest;
import org.dtrmigration.simulator.http.ApiResponse;
import org.dtrmigration.simulator.http.Json;
import org.dtrmigration.simulator.http.Router;
import org.dtrmigration.simulator.jobs.Job;
import org.dtrmigration.simulator.jobs.JobLogLine;
import org.dtrmigration.simulator.jobs.JobRequest;
import org.dtrmigration.simulator.jobs.JobService;

/** {@code /api/v0/jobs}: submit, list, get, logs, cancel. Admins only. */
public final class JobsApi {
    /** Page size when {@code limit} is absent; the DTR docs' examples pass limit explicitly. */
    static final int DEFAULT_LIMIT = 10;
    private static final String INVALID = "INVALID_JOB";

    private final JobService jobs;

    public JobsApi(JobService jobs) {
        this.jobs = jobs;
    }

    public void register(Router router) {
        router.post("/api/v0/jobs", Access.ADMIN, this::submit)
                .get("/api/v0/jobs", Access.ADMIN, this::list)
                .get("/api/v0/jobs/{id}", Access.ADMIN, this::get)
                .get("/api/v0/jobs/{id}/logs", Access.ADMIN, this::logs)
                .post("/api/v0/jobs/{id}/cancel", Access.ADMIN, this::cancel);
    }

    private ApiResponse submit(ApiRequest request) throws ApiException {
        JsonNode body = Json.parse(request.body(), "INVALID_JSON");
        if (!body.isObject() || !body.path("action").isTextual() || body.path("action").asText().isEmpty()) {
            throw ApiException.badRequest(INVALID, "a job needs an \"action\"");
        }
        String action = body.get("action").asText();
        if (!jobs.isKnownAction(action)) {
            throw ApiException.badRequest(INVALID, "unknown job action: " + action);
        }
        JsonNode parameters = body.path("parameters");
        if (!parameters.isMissingNode() && !parameters.isNull() && !parameters.isObject()) {
            throw ApiException.badRequest(INVALID, "\"parameters\" must be an object");
        }
        JsonNode retriesNode = body.path("retries");
        if (!retriesNode.isMissingNode() && !retriesNode.isNull()
                && (!retriesNode.isIntegralNumber() || !retriesNode.canConvertToInt() || retriesNode.asInt() < 0)) {
            throw ApiException.badRequest(INVALID, "\"retries\" must be a non-negative integer");
        }
        int retries = retriesNode.asInt(0);
        Map<String, Object> params = parameters.isObject() ? Json.toMap(parameters) : Map.of();
        Job job = jobs.submit(new JobRequest(action, params, body.path("deadline").asText(""),
                body.path("stopTimeout").asText(""), retries));
        return ApiResponse.json(202, toJson(job));
    }

    private ApiResponse list(ApiRequest request) throws ApiException {
        Boolean running = switch (request.queryParam("running").orElse("any")) {
            case "any" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badRequest("INVALID_PARAMETERS", "running must be any, true or false");
        };
        int start = request.intParam("start", 0, 0);
        int limit = request.intParam("limit", DEFAULT_LIMIT, 1);
        List<Job> page = jobs.list(request.queryParam("action").orElse(null), request.queryParam("worker").orElse(null),
                running, start, limit);
        ObjectNode root = Json.object();
        ArrayNode array = root.putArray("jobs");
        page.forEach(j -> array.add(toJson(j)));
        return ApiResponse.ok(root);
    }

    private ApiResponse get(ApiRequest request) throws ApiException {
        return ApiResponse.ok(toJson(jobs.job(request.pathParam("id")).orElseThrow(() -> noSuchJob(request))));
    }

    /** Without {@code limit}, every line from {@code offset} on. */
    private ApiResponse logs(ApiRequest request) throws ApiException {
        int offset = request.intParam("offset", 0, 0);
        int limit = request.intParam("limit", -1, 0);
        List<JobLogLine> lines = jobs.logs(request.pathParam("id"), offset, limit).orElseThrow(() -> noSuchJob(request));
        ArrayNode array = Json.array();
        lines.forEach(l -> array.addObject().put("data", l.data()).put("lineNum", l.lineNum()));
        return ApiResponse.ok(array);
    }

    private ApiResponse cancel(ApiRequest request) throws ApiException {
        if (!jobs.cancel(request.pathParam("id"))) {
            throw noSuchJob(request);
        }
        return ApiResponse.noContent();
    }

    private static ApiException noSuchJob(ApiRequest request) {
        return ApiException.notFound("NO_SUCH_JOB", "no job with id " + request.pathParam("id"));
    }

    static ObjectNode toJson(Job job) {
        ObjectNode node = Json.object()
                .put("id", job.id())
                .put("retryFromID", job.retryFromID())
                .put("workerID", job.workerID())
                .put("status", job.status())
                .put("scheduledAt", Json.time(job.scheduledAt()))
                .put("lastUpdated", Json.time(job.lastUpdated()))
                .put("action", job.action())
                .put("retriesLeft", job.retriesLeft())
                .put("retriesTotal", job.retriesTotal());
        node.set("capacityMap", Json.map(job.capacityMap()));
        node.set("parameters", Json.map(job.parameters()));
        node.put("deadline", job.deadline()).put("stopTimeout", job.stopTimeout());
        return node;
    }
}
