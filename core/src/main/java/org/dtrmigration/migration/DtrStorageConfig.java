package org.dtrmigration.migration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.S3Credentials;
import org.dtrmigration.storage.S3Location;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StorageLocation;

/**
 * Renders a storage location and its credentials as the driver map of DTR's storage settings
 * ({@code {"s3": {"bucket": …}}}), the inverse of {@code StorageLocation.fromDtrConfig}. The map
 * holds credentials: it goes into a request body and nowhere else.
 */
public final class DtrStorageConfig {

    private DtrStorageConfig() {
    }

    /**
     * @param parameter the step parameter or option the location came from, for messages
     * @throws IllegalArgumentException when DTR's drivers cannot use the location or credentials
     */
    public static ObjectNode driverConfig(StorageLocation location, StorageCredentials credentials, String parameter) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (location instanceof FilesystemLocation fs) {
            root.putObject("filesystem").put("rootdirectory", fs.path());
        } else if (location instanceof S3Location s3) {
            ObjectNode p = root.putObject("s3");
            p.put("bucket", s3.bucket());
            p.put("region", s3.region() != null ? s3.region() : s3.endpoint() != null ? "us-east-1" : required(parameter,
                    "the S3 location needs ?region= for DTR's S3 driver"));
            if (!s3.prefix().isEmpty()) {
                p.put("rootdirectory", "/" + s3.prefix());
            }
            if (s3.endpoint() != null) {
                p.put("regionendpoint", s3.endpoint().toString());
                p.put("secure", "https".equalsIgnoreCase(s3.endpoint().getScheme()));
            }
            if (s3.pathStyle() != (s3.endpoint() != null)) {
                p.put("forcepathstyle", s3.pathStyle());
            }
            p.put("v4auth", true);
            if (credentials instanceof S3Credentials.AccessKey key) {
                if (key.sessionToken() != null) {
                    throw new IllegalArgumentException(parameter + ": DTR's S3 driver takes no session token; give it"
                            + " long-lived keys or let DTR's nodes use an instance role");
                }
                p.put("accesskey", key.accessKeyId());
                p.put("secretkey", key.secretAccessKey().reveal());
            } else if (!(credentials instanceof S3Credentials.DefaultChain)) {
                throw new IllegalArgumentException(parameter + ": S3 storage needs S3 credentials");
            }
            // DefaultChain: no keys; DTR's registry uses the role of the nodes it runs on.
        } else {
            AzureLocation azure = (AzureLocation) location;
            if (!azure.legacyRootPrefix()) {
                throw new IllegalArgumentException(parameter + ": DTR/MSR 2.x's Azure driver names blobs with a leading '/';"
                        + " copy to and name the location with ?legacyrootprefix=true so DTR finds the data");
            }
            ObjectNode p = root.putObject("azure");
            String account = azure.account();
            String key;
            if (credentials instanceof AzureCredentials.SharedKey shared) {
                account = account != null ? account : shared.accountName();
                key = shared.accountKey().reveal();
            } else if (credentials instanceof AzureCredentials.ConnectionString cs) {
                String name = connectionStringPart(cs.value().reveal(), "AccountName");
                account = account != null ? account : name;
                key = connectionStringPart(cs.value().reveal(), "AccountKey");
            } else {
                throw new IllegalArgumentException(parameter + ": DTR's Azure driver authenticates with the account key;"
                        + " a SAS token cannot be given to it");
            }
            if (account == null || key == null) {
                throw new IllegalArgumentException(parameter + ": DTR's Azure driver needs the account name and key");
            }
            p.put("accountname", account);
            p.put("accountkey", key);
            p.put("container", azure.container());
            URI endpoint = azure.endpoint();
            String realmPrefix = "https://" + account + ".blob.";
            if (endpoint == null || endpoint.toString().startsWith(realmPrefix)) {
                p.put("realm", endpoint == null ? AzureLocation.DEFAULT_REALM
                        : endpoint.toString().substring(realmPrefix.length()).replaceAll("/+$", ""));
            } else {
                // Not a public-cloud realm (an emulator or private endpoint): DTR 2.x's driver has no such
                // setting; the simulator honours it. See docs/bootstrapper.md.
                p.put("serviceurl", endpoint.toString());
            }
            if (!azure.prefix().isEmpty()) {
                p.put("rootdirectory", "/" + azure.prefix());
            }
        }
        return root;
    }

    private static String required(String parameter, String message) {
        throw new IllegalArgumentException(parameter + ": " + message);
    }

    private static String connectionStringPart(String text, String name) {
        for (String part : text.split(";")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return null;
    }
}
