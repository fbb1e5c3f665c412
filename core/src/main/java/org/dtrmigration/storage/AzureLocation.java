package org.dtrmigration.storage;

import java.net.URI;
import java.util.Objects;

/**
 * A blob-name prefix in an Azure Storage container.
 *
 * @param container        the container name
 * @param prefix           the registry root inside the container without leading or trailing '/'; empty
 *                         for the container root
 * @param account          the storage account name, or null when a connection string will name it
 * @param endpoint         the blob service URL ({@code https://ACCOUNT.blob.core.windows.net}, or
 *                         {@code http://127.0.0.1:10000/devstoreaccount1} for Azurite), or null when a
 *                         connection string will provide it
 * @param legacyRootPrefix blob names start with '/' (as written by DTR's distribution 2.x Azure driver);
 *                         the same switch as distribution 3's {@code legacyrootprefix}
 */
public record AzureLocation(String container, String prefix, String account, URI endpoint, boolean legacyRootPrefix)
        implements StorageLocation {
    private static final long serialVersionUID = 1L;

    /** The public cloud's realm; sovereign clouds use e.g. core.chinacloudapi.cn. */
    public static final String DEFAULT_REALM = "core.windows.net";

    public AzureLocation {
        Objects.requireNonNull(container, "container");
        prefix = StorageLocationParser.normalizePrefix(prefix == null ? "" : prefix, "prefix");
        if (endpoint != null) {
            StorageLocationParser.checkEndpoint(endpoint, "endpoint");
        }
    }

    /** The public endpoint of an account in a realm. */
    public static URI accountEndpoint(String account, String realm) {
        return URI.create("https://" + account + ".blob." + realm);
    }

    @Override
    public String toUri() {
        StringBuilder uri = new StringBuilder("azure://").append(container).append('/').append(StorageLocationParser.encodePath(prefix));
        StorageLocationParser.Query query = new StorageLocationParser.Query();
        if (account != null && endpoint != null && endpoint.equals(accountEndpoint(account, DEFAULT_REALM))) {
            query.add("account", account);
        } else if (endpoint != null) {
            query.add("endpoint", endpoint.toString());
        } else {
            query.add("account", account);
        }
        if (legacyRootPrefix) {
            query.add("legacyrootprefix", "true");
        }
        return uri.append(query).toString();
    }
}
