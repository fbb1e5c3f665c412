package org.dtrmigration.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.dtrmigration.events.EventSink;

/**
 * The DTR 2.5–2.7 / MSR 2.8–2.9 API, named after what the operator wants rather than after URLs.
 * One instance per endpoint; close it to release connections.
 */
public final class DtrClient implements Closeable {

    private final ApiTransport http;
    private final ClientOptions options;
    private final EventSink events;
    private final Sleeper sleeper;
    private final Clock clock;

    public DtrClient(DtrEndpoint endpoint, ClientOptions options, EventSink events) {
        this(endpoint, options, events, Sleeper.SYSTEM, Clock.systemUTC());
    }

    public DtrClient(DtrEndpoint endpoint, ClientOptions options, EventSink events, Sleeper sleeper, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.events = Objects.requireNonNull(events, "events");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.http = new ApiTransport(Objects.requireNonNull(endpoint, "endpoint"), options, events, mapper);
    }

    public DtrEndpoint endpoint() {
        return http.endpoint();
    }

    ClientOptions options() {
        return options;
    }

    EventSink events() {
        return events;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    Clock clock() {
        return clock;
    }

    private JsonNode get(HttpUrl url) throws DtrException {
        String what = "GET " + url.encodedPath();
        return http.json(http.send("GET", url, null, true), what);
    }

    private ObjectNode getObject(HttpUrl url) throws DtrException {
        JsonNode node = get(url);
        if (!node.isObject()) {
            throw new DtrException.NotDtr(endpoint().url() + " answered GET " + url.encodedPath() + " with "
                    + node.getNodeType() + " instead of a JSON object");
        }
        return (ObjectNode) node;
    }

    // ---- version and settings -------------------------------------------------------------

    /** The product version from {@code /api/v0/docs.json}. */
    public DtrVersion version() throws DtrException {
        JsonNode docs = get(http.url("api", "v0", "docs.json").build());
        String v = docs.path("info").path("version").asText(null);
        if (v == null) {
            throw new DtrException.NotDtr(endpoint().url() + ": /api/v0/docs.json has no info.version; is this DTR/MSR?");
        }
        try {
            return DtrVersion.parse(v);
        } catch (IllegalArgumentException e) {
            throw new DtrException.NotDtr(endpoint().url() + ": unrecognised version '" + v + "' in /api/v0/docs.json");
        }
    }

    public Settings settings() throws DtrException {
        return Settings.fromJson(getObject(http.url("api", "v0", "meta", "settings").build()));
    }

    /** Posts a partial settings document (DTR answers 202 and applies it asynchronously). */
    public void updateSettings(ObjectNode partial) throws DtrException {
        http.send("POST", http.url("api", "v0", "meta", "settings").build(), partial, true);
    }

    public ClusterStatus clusterStatus() throws DtrException {
        return ClusterStatus.fromJson(getObject(http.url("api", "v0", "meta", "cluster_status").build()));
    }

    public ObjectNode features() throws DtrException {
        return getObject(http.url("api", "v0", "meta", "features").build());
    }

    ObjectNode newObject() {
        return http.mapper().createObjectNode();
    }

    // ---- storage settings (not in the Swagger; the document's shape is inferred, see docs/bootstrapper.md) ----

    /** {@code GET /api/v0/admin/settings/registry}: the registry's storage settings ({@code {"storage": {…}}}). */
    public ObjectNode storageSettings() throws DtrException {
        return getObject(http.url("api", "v0", "admin", "settings", "registry").build());
    }

    /**
     * {@code PUT /api/v0/admin/settings/registry}: replaces the storage settings. The document may carry
     * credentials for the backend: it goes into the request body only, never into a message.
     */
    public void putStorageSettings(ObjectNode document) throws DtrException {
        http.send("PUT", http.url("api", "v0", "admin", "settings", "registry").build(), document, true);
    }

    // ---- crons ----------------------------------------------------------------------------

    public List<Cron> crons() throws DtrException {
        JsonNode list = getObject(http.url("api", "v0", "crons").build()).path("crons");
        List<Cron> crons = new ArrayList<>();
        for (JsonNode c : list) {
            if (c.isObject()) {
                crons.add(Cron.fromJson((ObjectNode) c));
            }
        }
        return crons;
    }

    /** Creates or updates the cron for {@code cron.action()}; keyed by action, so safe to repeat. */
    public void putCron(Cron cron) throws DtrException {
        http.send("POST", http.url("api", "v0", "crons").build(), cron.createBody(), true);
    }

    public void deleteCron(String action) throws DtrException {
        try {
            http.send("DELETE", http.url("api", "v0", "crons", action).build(), null, true);
        } catch (DtrException.ApiError e) {
            if (e.status() != 404) {
                throw e; // already gone is what we wanted
            }
        }
    }

    // ---- jobs -----------------------------------------------------------------------------

    /**
     * Starts a job. Never repeated blindly: if the answer is lost the job may or may not exist, and
     * the error says so.
     */
    public Job startJob(String action, ObjectNode parameters) throws DtrException {
        ObjectNode body = newObject().put("action", action);
        if (parameters != null) {
            body.set("parameters", parameters);
        }
        HttpUrl url = http.url("api", "v0", "jobs").build();
        return http.convert(http.json(http.send("POST", url, body, false), "POST /api/v0/jobs"), Job.class, "POST /api/v0/jobs");
    }

    public Job job(String id) throws DtrException {
        HttpUrl url = http.url("api", "v0", "jobs", id).build();
        return http.convert(get(url), Job.class, "GET " + url.encodedPath());
    }

    /** Jobs, newest first. {@code action} null for all; {@code running} one of any/true/false. */
    public List<Job> jobs(String action, String running, int limit) throws DtrException {
        HttpUrl.Builder url = http.url("api", "v0", "jobs")
                .addQueryParameter("worker", "any")
                .addQueryParameter("running", running)
                .addQueryParameter("start", "0")
                .addQueryParameter("limit", Integer.toString(limit));
        if (action != null) {
            url.addQueryParameter("action", action);
        }
        JsonNode list = getObject(url.build()).path("jobs");
        List<Job> jobs = new ArrayList<>();
        for (JsonNode j : list) {
            jobs.add(http.convert(j, Job.class, "GET /api/v0/jobs"));
        }
        return jobs;
    }

    public List<JobLogLine> jobLogs(String id, int offset, int limit) throws DtrException {
        HttpUrl url = http.url("api", "v0", "jobs", id, "logs")
                .addQueryParameter("offset", Integer.toString(offset))
                .addQueryParameter("limit", Integer.toString(limit))
                .build();
        JsonNode lines = get(url);
        List<JobLogLine> out = new ArrayList<>();
        for (JsonNode l : lines) {
            out.add(http.convert(l, JobLogLine.class, "GET " + url.encodedPath()));
        }
        return out;
    }

    public void cancelJob(String id) throws DtrException {
        http.send("POST", http.url("api", "v0", "jobs", id, "cancel").build(), null, true);
    }

    // ---- repositories and tags ------------------------------------------------------------

    public List<Repository> repositories() throws DtrException {
        List<Repository> all = new ArrayList<>();
        String pageStart = "";
        do {
            HttpUrl url = http.url("api", "v0", "repositories")
                    .addQueryParameter("pageStart", pageStart)
                    .addQueryParameter("pageSize", "100")
                    .build();
            ApiTransport.Answer answer = http.send("GET", url, null, true);
            for (JsonNode r : http.json(answer, "GET /api/v0/repositories").path("repositories")) {
                all.add(http.convert(r, Repository.class, "GET /api/v0/repositories"));
            }
            pageStart = answer.headers().get("X-Next-Page-Start");
        } while (pageStart != null && !pageStart.isEmpty());
        return all;
    }

    public List<Tag> tags(Repository repository) throws DtrException {
        List<Tag> all = new ArrayList<>();
        String pageStart = "";
        do {
            HttpUrl url = http.url("api", "v0", "repositories", repository.namespace(), repository.name(), "tags")
                    .addQueryParameter("pageStart", pageStart)
                    .addQueryParameter("pageSize", "100")
                    .build();
            ApiTransport.Answer answer = http.send("GET", url, null, true);
            for (JsonNode t : http.json(answer, "GET " + url.encodedPath())) {
                all.add(http.convert(t, Tag.class, "GET " + url.encodedPath()));
            }
            pageStart = answer.headers().get("X-Next-Page-Start");
        } while (pageStart != null && !pageStart.isEmpty());
        return all;
    }

    @Override
    public void close() {
        http.close();
    }
}
