package org.dtrmigration.simulator.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.dtrmigration.simulator.http.ApiException;
import org.dtrmigration.simulator.http.Json;

/**
 * The settings behind {@code /api/v0/meta/settings}. POST takes a partial object: present fields
 * change, others stay. As in DTR (a Go JSON decoder), unknown fields are ignored and a wrongly
 * typed field fails the whole request with 400 {@code INVALID_SETTINGS}. {@code readOnlyRegistry}
 * is delegated to {@link ReplicaReadOnly} so that replicas can lag behind.
 */
public final class Settings {
    private static final String CODE = "INVALID_SETTINGS";
    public static final String READ_ONLY = "readOnlyRegistry";

    /** Writable fields and their JSON types. Storage and replica fields are set by the bootstrapper only. */
    private static final Map<String, JsonNodeType> WRITABLE = Map.ofEntries(
            Map.entry("dtrHost", JsonNodeType.STRING),
            Map.entry("sso", JsonNodeType.BOOLEAN),
            Map.entry("createRepositoryOnPush", JsonNodeType.BOOLEAN),
            Map.entry("disableUpgrades", JsonNodeType.BOOLEAN),
            Map.entry("reportAnalytics", JsonNodeType.BOOLEAN),
            Map.entry("anonymizeAnalytics", JsonNodeType.BOOLEAN),
            Map.entry("httpProxy", JsonNodeType.STRING),
            Map.entry("httpsProxy", JsonNodeType.STRING),
            Map.entry("noProxy", JsonNodeType.STRING),
            Map.entry("logProtocol", JsonNodeType.STRING),
            Map.entry("logHost", JsonNodeType.STRING),
            Map.entry("logLevel", JsonNodeType.STRING),
            Map.entry("scanningEnabled", JsonNodeType.BOOLEAN),
            Map.entry("scanningSyncOnline", JsonNodeType.BOOLEAN),
            Map.entry("webTLSCert", JsonNodeType.STRING),
            Map.entry(READ_ONLY, JsonNodeType.BOOLEAN));

    private final ObjectNode values;
    private final ReplicaReadOnly readOnly;

    public Settings(String dtrHost, String replicaId, String storageVolume, String nfsHost, String nfsPath,
                    ReplicaReadOnly readOnly) {
        this.readOnly = readOnly;
        this.values = Json.object()
                .put("dtrHost", dtrHost)
                .put("sso", false)
                .put("createRepositoryOnPush", false)
                .put("disableUpgrades", false)
                .put("reportAnalytics", false)
                .put("anonymizeAnalytics", false)
                .put("replicaID", replicaId)
                .put("httpProxy", "")
                .put("httpsProxy", "")
                .put("noProxy", "")
                .put("logProtocol", "internal")
                .put("logHost", "")
                .put("logLevel", "INFO")
                .put("storageVolume", storageVolume)
                .put("nfsHost", nfsHost)
                .put("nfsPath", nfsPath)
                .put("nfsOptions", "")
                .put("scanningEnabled", false)
                .put("scanningSyncOnline", false)
                .put("webTLSCert", "");
    }

    /** Records where images are stored now, as a restore or reconfigure changes it. */
    public synchronized void setStorage(String volume, String nfsUrl) {
        values.put("storageVolume", volume);
        String host = "";
        String path = "";
        if (nfsUrl != null && nfsUrl.startsWith("nfs://")) {
            java.net.URI uri = java.net.URI.create(nfsUrl);
            host = uri.getHost() == null ? "" : uri.getHost();
            path = uri.getPath() == null ? "" : uri.getPath();
        }
        values.put("nfsHost", host);
        values.put("nfsPath", path);
    }

    public ReplicaReadOnly readOnly() {
        return readOnly;
    }

    /** The current settings as the GET endpoint returns them. */
    public synchronized ObjectNode snapshot() {
        ObjectNode copy = values.deepCopy();
        copy.put(READ_ONLY, readOnly.desired());
        return copy;
    }

    /** Applies a partial update; all-or-nothing. */
    public synchronized void apply(JsonNode body) throws ApiException {
        if (!body.isObject()) {
            throw ApiException.badRequest(CODE, "settings must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNodeType type = WRITABLE.get(field.getKey());
            if (type != null && !field.getValue().isNull() && field.getValue().getNodeType() != type) {
                throw ApiException.badRequest(CODE, field.getKey() + " must be a " + type.name().toLowerCase(Locale.ROOT));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!WRITABLE.containsKey(field.getKey()) || field.getValue().isNull()) {
                continue;
            }
            if (field.getKey().equals(READ_ONLY)) {
                readOnly.set(field.getValue().booleanValue());
            } else {
                values.set(field.getKey(), field.getValue());
            }
        }
    }
}
