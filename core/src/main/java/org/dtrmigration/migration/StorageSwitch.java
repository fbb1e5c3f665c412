package org.dtrmigration.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.DtrException;
import org.dtrmigration.registry.ReadOnlySwitch;

/**
 * Points DTR at new storage through the storage settings API ({@code PUT /api/v0/admin/settings/registry}),
 * with {@code keep_metadata} so the tags survive (honoured from DTR 2.6.6). A storage settings write
 * may reset {@code maintenance.readonly}, which would open the registry for pushes in the middle of
 * a migration: the current read-only value is carried into the document and checked afterwards.
 */
public final class StorageSwitch {

    private final DtrClient client;
    private final EventSink events;
    private final Duration readOnlyTimeout;

    public StorageSwitch(DtrClient client, EventSink events, Duration readOnlyTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.events = Objects.requireNonNull(events, "events");
        this.readOnlyTimeout = Objects.requireNonNull(readOnlyTimeout, "readOnlyTimeout");
    }

    /**
     * @param driverConfig the driver map ({@code {"s3": {…}}}), see {@link DtrStorageConfig}
     * @param description  the location without credentials, for the log
     */
    public void switchTo(ObjectNode driverConfig, String description, boolean keepMetadata)
            throws DtrException, InterruptedException {
        boolean readOnly = client.settings().readOnlyRegistry();
        JsonNode current = client.storageSettings().path("storage");
        boolean currentMaintenance = current.path("maintenance").path("readonly").path("enabled").asBoolean(false);
        ObjectNode storage = driverConfig.deepCopy();
        ObjectNode maintenance = current.path("maintenance").isObject()
                ? ((ObjectNode) current.get("maintenance")).deepCopy() : JsonNodeFactory.instance.objectNode();
        maintenance.putObject("readonly").put("enabled", readOnly || currentMaintenance);
        storage.set("maintenance", maintenance);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set("storage", storage);
        document.put("keep_metadata", keepMetadata);
        events.info("Switching storage of " + client.endpoint().url() + " to " + description + " through the storage settings API"
                + " (keep_metadata " + keepMetadata + ", read-only " + (readOnly || currentMaintenance) + " carried over)");
        client.putStorageSettings(document);
        boolean after = client.settings().readOnlyRegistry();
        if (after != readOnly) {
            events.warn("The storage settings write changed read-only mode from " + readOnly + " to " + after + "; setting it back");
            new ReadOnlySwitch(client).set(readOnly, readOnlyTimeout);
        }
        String driver = driverConfig.fieldNames().next();
        if (!client.storageSettings().path("storage").has(driver)) {
            throw new DtrException("DTR at " + client.endpoint().url() + " accepted the storage settings but does not report the '"
                    + driver + "' driver afterwards; check System > Storage before going on");
        }
        events.info("DTR now stores images in " + description);
    }
}
