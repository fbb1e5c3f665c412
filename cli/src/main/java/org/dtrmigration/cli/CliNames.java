package org.dtrmigration.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dtrmigration.migration.RefusedException;

/**
 * The engine names parameters as the Pipeline steps do ({@code replicaId:}); the CLI shows its own
 * option names instead ({@code --replica-id:}).
 */
final class CliNames {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("ucpUrl", "--ucp-url");
        NAMES.put("ucpUsername", "--ucp-username");
        NAMES.put("ucpPassword", "UCP_PASSWORD");
        NAMES.put("ucpCaCertificate and ucpInsecure", "--ucp-ca-bundle and --ucp-insecure-tls");
        NAMES.put("ucpCaCertificate", "--ucp-ca-bundle");
        NAMES.put("replicaId", "--replica-id");
        NAMES.put("image", "--image");
        NAMES.put("storageMigrated and reinitializeStorage", "--storage-migrated and --reinitialize-storage");
        NAMES.put("storageMigrated", "--storage-migrated");
        NAMES.put("reinitializeStorage", "--reinitialize-storage");
        NAMES.put("storage", "--storage");
        NAMES.put("checkStorage", "--check-storage");
        NAMES.put("source", "--source");
        NAMES.put("offline", "--offline");
        NAMES.put("destroy", "--destroy");
        NAMES.put("tagSnapshot", "--tag-snapshot");
    }

    private CliNames() {
    }

    static String rename(String message) {
        if (message == null) {
            return null;
        }
        for (Map.Entry<String, String> e : NAMES.entrySet()) {
            if (message.startsWith(e.getKey() + ":")) {
                return e.getValue() + message.substring(e.getKey().length());
            }
        }
        return message;
    }

    /** Runs a command body, renaming parameters in usage errors and refusals. */
    static <T> T renamed(Body<T> body) throws Exception {
        try {
            return body.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(rename(e.getMessage()), e);
        } catch (RefusedException e) {
            throw new RefusedException(rename(e.getMessage()));
        }
    }

    interface Body<T> {
        T run() throws Exception;
    }
}
