package org.dtrmigration.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.simulator.http.Access;
import org.dtrmigration.simulator.http.ApiException;
import org.dtrmigration.simulator.http.ApiRequest;
import org.dtrmigration.simulator.http.ApiResponse;
import org.dtrmigration.simulator.http.Json;
import org.dtrmigration.simulator.http.Router;
import org.dtrmigration.simulator.metadata.MetadataStore;
import org.dtrmigration.simulator.settings.ReplicaReadOnly;
import org.dtrmigration.simulator.storage.StorageMode;
import org.dtrmigration.simulator.storage.StorageService;
import org.dtrmigration.simulator.storage.StorageState;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;

/**
 * {@code GET|PUT /api/v0/admin/settings/registry}: the storage settings (not in DTR's Swagger; the
 * shape is inferred). GET answers {@code {"storage": {<driver>: {…}, "maintenance": {"readonly":
 * {"enabled": …}}}}} without credentials. PUT takes the same with credentials and an optional
 * top-level {@code keep_metadata}; the simulator opens the backend (400 {@code INVALID_STORAGE}
 * when it cannot be read), switches to it, and then:
 * <ul>
 *   <li>keeps the tags when {@code keep_metadata} is true and the version honours it (2.6.6+);
 *   otherwise, from 2.6, starts a fresh metadata store: every tag is gone;</li>
 *   <li>sets read-only from {@code storage.maintenance.readonly.enabled}, and turns it off when the
 *   document does not say: the reset hazard a careful client avoids by carrying the value over.</li>
 * </ul>
 */
public final class StorageApi {
    private static final Set<String> NON_DRIVER = Set.of("maintenance", "delete", "cache", "redirect", "tag");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StorageService storage;
    private final MetadataStore metadata;
    private final ReplicaReadOnly readOnly;
    private final boolean keepMetadataHonoured;
    private final boolean switchWipesTags;

    public StorageApi(StorageService storage, MetadataStore metadata, ReplicaReadOnly readOnly, boolean keepMetadataHonoured,
                      boolean switchWipesTags) {
        this.storage = storage;
        this.metadata = metadata;
        this.readOnly = readOnly;
        this.keepMetadataHonoured = keepMetadataHonoured;
        this.switchWipesTags = switchWipesTags;
    }

    public void register(Router router) {
        router.get("/api/v0/admin/settings/registry", Access.ADMIN, r -> ApiResponse.ok(document()))
                .add("PUT", "/api/v0/admin/settings/registry", Access.ADMIN, this::put);
    }

    private ObjectNode document() {
        ObjectNode root = Json.object();
        ObjectNode s = root.putObject("storage");
        StorageState state = storage.state();
        if (state.publicDriverConfig() != null) {
            s.setAll(state.publicDriverConfig().deepCopy());
        }
        s.putObject("maintenance").putObject("readonly").put("enabled", readOnly.desired());
        return root;
    }

    @SuppressWarnings("unchecked")
    private ApiResponse put(ApiRequest request) throws ApiException {
        JsonNode body = Json.parse(request.body(), "INVALID_SETTINGS");
        if (!body.isObject() || !body.path("storage").isObject()) {
            throw ApiException.badRequest("INVALID_SETTINGS", "expected {\"storage\": {<driver>: {…}}}");
        }
        JsonNode keep = body.path("keep_metadata");
        if (!keep.isMissingNode() && !keep.isBoolean()) {
            throw ApiException.badRequest("INVALID_SETTINGS", "keep_metadata must be a boolean");
        }
        ObjectNode storageDoc = (ObjectNode) body.get("storage");
        String driver = null;
        for (Iterator<String> it = storageDoc.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!NON_DRIVER.contains(name)) {
                if (driver != null) {
                    throw ApiException.badRequest("INVALID_STORAGE", "more than one storage driver");
                }
                driver = name;
            }
        }
        if (driver == null) {
            throw ApiException.badRequest("INVALID_STORAGE", "no storage driver");
        }
        StorageLocation location;
        try {
            location = StorageLocation.fromDtrConfig(JSON.convertValue(storageDoc, Map.class), "storage");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_STORAGE", e.getMessage());
        }
        JsonNode params = storageDoc.path(driver);
        ObjectStore store;
        try {
            store = storage.open(location, credentials(location, params));
            try (ObjectListing probe = store.list("docker/")) {
                probe.hasNext(); // DTR checks it can use the backend before switching
            }
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("INVALID_STORAGE", "cannot use the " + driver + " backend: " + e.getClass().getSimpleName());
        }
        ObjectNode publicConfig = Json.object();
        ObjectNode publicParams = params.deepCopy();
        publicParams.remove(java.util.List.of("accesskey", "secretkey", "accountkey"));
        publicConfig.set(driver, publicParams);
        StorageMode mode = location instanceof FilesystemLocation ? StorageMode.VOLUME : StorageMode.CLOUD;
        storage.switchTo(store, new StorageState(mode, location.toUri(), mode == StorageMode.VOLUME
                ? ((FilesystemLocation) location).path() : "", "", publicConfig));
        boolean kept = keep.asBoolean(false) && keepMetadataHonoured;
        if (!kept && switchWipesTags) {
            metadata.wipeTags();
        }
        readOnly.set(storageDoc.path("maintenance").path("readonly").path("enabled").asBoolean(false));
        return ApiResponse.ok(document());
    }

    private static StorageCredentials credentials(StorageLocation location, JsonNode params) {
        if (location instanceof S3Location) {
            String key = params.path("accesskey").asText("");
            String secret = params.path("secretkey").asText("");
            return key.isEmpty() ? S3Credentials.defaultChain() : S3Credentials.of(key, Secret.of(secret));
        }
        if (location instanceof FilesystemLocation) {
            return StorageCredentials.none();
        }
        return new AzureCredentials.SharedKey(params.path("accountname").asText(null), Secret.of(params.path("accountkey").asText("")));
    }
}
