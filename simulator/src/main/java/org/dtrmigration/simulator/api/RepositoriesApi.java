package org.dtrmigration.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.ManifestInfo;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeReader;
import org.dtrmigration.simulator.http.Access;
import org.dtrmigration.simulator.http.ApiException;
import org.dtrmigration.simulator.http.ApiRequest;
import org.dtrmigration.simulator.http.ApiResponse;
import org.dtrmigration.simulator.http.Json;
import org.dtrmigration.simulator.http.Router;
import org.dtrmigration.simulator.metadata.MetadataStore;
import org.dtrmigration.simulator.metadata.RepositoryRecord;
import org.dtrmigration.simulator.metadata.TagRecord;
import org.dtrmigration.storage.ObjectStore;

/**
 * Repositories and tags, from the metadata store (as DTR answers from RethinkDB, not storage).
 * Pagination as in DTR: {@code pageSize} items from {@code pageStart}, and an
 * {@code X-Next-Page-Start} header carrying the next page's start while there is one;
 * {@code count=true} adds {@code X-Resource-Count}. The page start is the next item's key
 * ({@code namespace/name} for repositories, the tag name for tags): opaque to clients, who must
 * send back exactly what they got (URL-encoded).
 */
public final class RepositoriesApi {
    static final int DEFAULT_PAGE_SIZE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore metadata;
    private final ObjectStore storage;
    private final RegistryTreeReader reader;

    public RepositoriesApi(MetadataStore metadata, ObjectStore storage) {
        this.metadata = metadata;
        this.storage = storage;
        this.reader = new RegistryTreeReader(storage);
    }

    public void register(Router router) {
        router.get("/api/v0/repositories", Access.USER, this::repositories)
                .get("/api/v0/repositories/{namespace}/{reponame}", Access.USER, this::repository)
                .get("/api/v0/repositories/{namespace}/{reponame}/tags", Access.USER, this::tags);
    }

    private ApiResponse repositories(ApiRequest request) throws ApiException {
        Page<RepositoryRecord> page = page(request, metadata.repositories(), RepositoryRecord::fullName);
        ObjectNode root = Json.object();
        ArrayNode array = root.putArray("repositories");
        page.items().forEach(r -> array.add(toJson(r)));
        return page.headers(request, ApiResponse.ok(root));
    }

    private ApiResponse repository(ApiRequest request) throws ApiException {
        return ApiResponse.ok(toJson(find(request)));
    }

    private ApiResponse tags(ApiRequest request) throws ApiException, IOException {
        RepositoryRecord repository = find(request);
        boolean manifests = request.queryParam("includeManifests").map(Boolean::parseBoolean).orElse(false);
        Page<TagRecord> page = page(request, metadata.tags(repository.fullName()), TagRecord::name);
        ArrayNode array = Json.array();
        for (TagRecord t : page.items()) {
            array.add(toJson(t, manifests));
        }
        return page.headers(request, ApiResponse.ok(array));
    }

    /** One page of a sorted list, the next page's start key (null on the last page) and the total. */
    private record Page<T>(List<T> items, String next, int total) {
        ApiResponse headers(ApiRequest request, ApiResponse response) {
            if (next != null) {
                response = response.withHeader("X-Next-Page-Start", next);
            }
            if (request.queryParam("count").map(Boolean::parseBoolean).orElse(false)) {
                response = response.withHeader("X-Resource-Count", Integer.toString(total));
            }
            return response;
        }
    }

    private static <T> Page<T> page(ApiRequest request, List<T> sorted, Function<T, String> key) throws ApiException {
        int pageSize = request.intParam("pageSize", DEFAULT_PAGE_SIZE, 1);
        String start = request.queryParam("pageStart").orElse(null);
        int from = 0;
        if (start != null) {
            // first item at or after the start key, so a page start survives deletions
            while (from < sorted.size() && key.apply(sorted.get(from)).compareTo(start) < 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + pageSize);
        return new Page<>(sorted.subList(from, to), to < sorted.size() ? key.apply(sorted.get(to)) : null, sorted.size());
    }

    private RepositoryRecord find(ApiRequest request) throws ApiException {
        String name = request.pathParam("namespace") + "/" + request.pathParam("reponame");
        return metadata.repository(name).orElseThrow(() ->
                ApiException.notFound("NO_SUCH_REPOSITORY", "repository " + name + " does not exist"));
    }

    static ObjectNode toJson(RepositoryRecord r) {
        return Json.object()
                .put("id", r.id())
                .put("namespace", r.namespace())
                .put("namespaceType", "organization")
                .put("name", r.name())
                .put("shortDescription", "")
                .put("longDescription", "")
                .put("visibility", r.visibility())
                .put("scanOnPush", false)
                .put("immutableTags", false)
                .put("enableManifestLists", false)
                .put("pulls", 0)
                .put("pushes", 0)
                .put("tagLimit", 0);
    }

    private ObjectNode toJson(TagRecord t, boolean includeManifest) throws IOException {
        ObjectNode node = Json.object()
                .put("name", t.name())
                .put("digest", t.digest().toString())
                .put("author", t.author())
                .put("createdAt", Json.time(t.createdAt()))
                .put("updatedAt", Json.time(t.updatedAt()))
                .put("hashMismatch", false)
                .put("inNotary", false);
        if (includeManifest) {
            node.set("manifest", manifestJson(t));
        }
        return node;
    }

    /** The manifest summary DTR embeds in a tag; only the digest when storage cannot provide it. */
    private ObjectNode manifestJson(TagRecord t) throws IOException {
        ObjectNode m = Json.object().put("digest", t.digest().toString());
        if (storage.stat(RegistryLayout.blobData(t.digest())).isEmpty()) {
            return m;
        }
        ManifestInfo info = reader.manifest(t.digest());
        m.put("mediaType", info.mediaType());
        m.put("createdAt", Json.time(t.createdAt()));
        ArrayNode dockerfile = m.putArray("dockerfile");
        long size = 0;
        for (Digest layer : info.layers()) {
            long layerSize = storage.stat(RegistryLayout.blobData(layer)).map(o -> o.size()).orElse(0L);
            size += layerSize;
            dockerfile.addObject().put("layerDigest", layer.toString()).put("size", layerSize)
                    .put("mediaType", "").put("line", "").put("isEmpty", false);
        }
        m.put("size", size);
        if (info.config() != null) {
            m.put("configDigest", info.config().toString());
            try {
                JsonNode config = JSON.readTree(reader.readBlob(info.config()));
                m.put("os", config.path("os").asText("")).put("architecture", config.path("architecture").asText(""));
            } catch (IOException e) {
                m.put("os", "").put("architecture", "");
            }
        }
        return m;
    }
}
