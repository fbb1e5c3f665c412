package org.dtrmigration.storage;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one parser for storage locations, used by the CLI and the plugin alike. Every error is an
 * {@link IllegalArgumentException} whose message starts with the parameter name and says what is
 * expected. Messages quote parsed parts (bucket, parameter names) but never the raw input or a
 * query value, because a user may have pasted a secret into it.
 */
final class StorageLocationParser {

    private static final String EXPECTED = "file:///absolute/path, s3://BUCKET/prefix or azure://CONTAINER/prefix";

    // Lenient on purpose: S3-compatible servers and old us-east-1 buckets allow more than AWS's current rules.
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]|\\$root");
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern REALM = Pattern.compile("[a-z0-9.-]+");

    /** Keys in DTR's storage map that are not drivers. */
    private static final Set<String> NON_DRIVER_KEYS = Set.of("delete", "maintenance", "cache", "redirect", "tag");
    private static final Set<String> UNSUPPORTED_DRIVERS = Set.of("gcs", "swift", "oss", "inmemory", "s3-aws", "azure-blob");

    private StorageLocationParser() {
    }

    static StorageLocation parseUri(String text, String parameter) {
        if (text == null || text.isBlank()) {
            throw error(parameter, "missing storage location; expected " + EXPECTED);
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("/")) {
            return filesystem(percentDecode(trimmed, parameter, "path"), parameter);
        }
        int schemeEnd = trimmed.indexOf("://");
        if (schemeEnd <= 0) {
            throw error(parameter, "not a storage location; expected " + EXPECTED);
        }
        String scheme = trimmed.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = trimmed.substring(schemeEnd + 3);
        if (rest.indexOf('#') >= 0) {
            throw error(parameter, "a storage location has no '#fragment'");
        }
        int q = rest.indexOf('?');
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> query = q < 0 ? Map.of() : parseQuery(rest.substring(q + 1), parameter);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String path = slash < 0 ? "" : beforeQuery.substring(slash + 1);
        if (authority.indexOf('@') >= 0) {
            throw error(parameter, "the location must not contain credentials (user:secret@); pass them as credentials instead");
        }
        switch (scheme) {
            case "file":
                if (!authority.isEmpty() && !authority.equals("localhost")) {
                    throw error(parameter, "file location names a host ('" + authority + "'); expected file:///absolute/path");
                }
                if (!query.isEmpty()) {
                    throw error(parameter, "file location takes no '?' parameters");
                }
                return filesystem(percentDecode("/" + path, parameter, "path"), parameter);
            case "s3":
                return s3(authority, percentDecode(path, parameter, "prefix"), query, parameter);
            case "azure":
                return azure(authority, percentDecode(path, parameter, "prefix"), query, parameter);
            default:
                throw error(parameter, "unsupported storage scheme '" + scheme + "'; expected " + EXPECTED);
        }
    }

    private static FilesystemLocation filesystem(String path, String parameter) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String segment : normalized.substring(1).split("/", -1)) {
            if (normalized.length() > 1 && (segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
                throw error(parameter, "file location path must be absolute and normalized (no '//', '.' or '..'): " + path);
            }
        }
        return new FilesystemLocation(normalized);
    }

    private static S3Location s3(String bucket, String prefix, Map<String, String> query, String parameter) {
        if (bucket.isEmpty()) {
            throw error(parameter, "s3 location needs a bucket: s3://BUCKET/prefix");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw error(parameter, "s3 bucket name '" + bucket + "' is not valid: expected letters, digits, '.', '-' or '_'");
        }
        checkKeys(query, Set.of("region", "endpoint", "pathstyle"), "s3", parameter);
        String region = region(query.get("region"), parameter, "region");
        URI endpoint = query.containsKey("endpoint") ? endpoint(query.get("endpoint"), parameter, "endpoint") : null;
        boolean pathStyle = query.containsKey("pathstyle")
                ? bool(query.get("pathstyle"), parameter, "pathstyle")
                : endpoint != null; // S3-compatible servers rarely have wildcard DNS for virtual-host buckets
        return new S3Location(bucket, prefix(prefix, parameter), region, endpoint, pathStyle);
    }

    private static AzureLocation azure(String container, String prefix, Map<String, String> query, String parameter) {
        if (container.isEmpty()) {
            throw error(parameter, "azure location needs a container: azure://CONTAINER/prefix?account=ACCOUNT");
        }
        if (!CONTAINER.matcher(container).matches()) {
            throw error(parameter, "azure container name '" + container
                    + "' is not valid: expected 3-63 lowercase letters, digits and '-'");
        }
        checkKeys(query, Set.of("account", "endpoint", "realm", "legacyrootprefix"), "azure", parameter);
        String account = query.get("account");
        String realm = query.get("realm");
        URI endpoint = null;
        if (query.containsKey("endpoint")) {
            if (account != null || realm != null) {
                throw error(parameter, "azure location takes either ?endpoint=URL or ?account=NAME[&realm=REALM], not both");
            }
            endpoint = endpoint(query.get("endpoint"), parameter, "endpoint");
            account = accountOf(endpoint);
        } else if (account != null) {
            account = account(account, parameter, "account");
            endpoint = AzureLocation.accountEndpoint(account, realm == null ? AzureLocation.DEFAULT_REALM : realm(realm, parameter));
        } else if (realm != null) {
            throw error(parameter, "azure location has ?realm= but no ?account=NAME");
        }
        boolean legacy = query.containsKey("legacyrootprefix") && bool(query.get("legacyrootprefix"), parameter, "legacyrootprefix");
        return new AzureLocation(container, prefix(prefix, parameter), account, endpoint, legacy);
    }

    static StorageLocation fromDtrConfig(Map<String, ?> config, String parameter) {
        if (config == null) {
            throw error(parameter, "missing DTR storage configuration");
        }
        Map<String, ?> storage = asStringMap(config);
        if (storage.get("storage") instanceof Map<?, ?> inner) {
            storage = asStringMap(inner);
        }
        String driver = null;
        for (String key : storage.keySet()) {
            if (NON_DRIVER_KEYS.contains(key)) {
                continue;
            }
            if (driver != null) {
                throw error(parameter, "DTR storage configuration names two drivers ('" + driver + "' and '" + key + "'); expected one");
            }
            driver = key;
        }
        if (driver == null) {
            throw error(parameter, "DTR storage configuration names no driver; expected one of filesystem, s3, azure");
        }
        if (UNSUPPORTED_DRIVERS.contains(driver)) {
            throw error(parameter, "DTR storage driver '" + driver + "' is not supported; supported: filesystem, s3, azure");
        }
        Object params = storage.get(driver);
        Map<String, ?> p = params == null ? Map.of() : params instanceof Map<?, ?> m ? asStringMap(m) : null;
        if (p == null) {
            throw error(parameter, "DTR storage driver '" + driver + "' has no parameter map");
        }
        switch (driver) {
            case "filesystem": {
                String root = string(p, "rootdirectory", parameter);
                // distribution's default root; DTR normally sets /storage explicitly.
                return filesystem(root == null ? "/var/lib/registry" : root, parameter);
            }
            case "s3": {
                String bucket = required(p, "bucket", "s3", parameter);
                String region = region(string(p, "region", parameter), parameter, "region");
                String endpointText = string(p, "regionendpoint", parameter);
                URI endpoint = null;
                if (endpointText != null && !endpointText.isBlank()) {
                    if (!endpointText.contains("://")) {
                        // aws-sdk-go (distribution 2.x) adds the scheme from 'secure', which defaults to true.
                        Object secure = p.get("secure");
                        boolean https = secure == null || bool(secure.toString(), parameter, "secure");
                        endpointText = (https ? "https://" : "http://") + endpointText;
                    }
                    endpoint = endpoint(endpointText, parameter, "regionendpoint");
                }
                Object forcePathStyle = p.get("forcepathstyle");
                boolean pathStyle = forcePathStyle == null ? endpoint != null : bool(forcePathStyle.toString(), parameter, "forcepathstyle");
                if (!BUCKET.matcher(bucket).matches()) {
                    throw error(parameter, "s3 bucket name '" + bucket + "' is not valid: expected letters, digits, '.', '-' or '_'");
                }
                String root = string(p, "rootdirectory", parameter);
                return new S3Location(bucket, prefix(root == null ? "" : root, parameter), region, endpoint, pathStyle);
            }
            case "azure": {
                String account = account(required(p, "accountname", "azure", parameter), parameter, "accountname");
                String container = required(p, "container", "azure", parameter);
                if (!CONTAINER.matcher(container).matches()) {
                    throw error(parameter, "azure container name '" + container
                            + "' is not valid: expected 3-63 lowercase letters, digits and '-'");
                }
                String realm = string(p, "realm", parameter);
                String serviceUrl = string(p, "serviceurl", parameter);
                URI endpoint = serviceUrl != null && !serviceUrl.isBlank()
                        ? endpoint(serviceUrl, parameter, "serviceurl")
                        : AzureLocation.accountEndpoint(account, realm == null || realm.isBlank() ? AzureLocation.DEFAULT_REALM : realm(realm, parameter));
                // DTR 2.5-2.7 and MSR 2.8/2.9 run distribution 2.x, whose Azure driver passed paths with
                // their leading '/' as blob names; distribution 3 calls that layout 'legacyrootprefix'.
                // So a DTR config without either switch means the legacy layout.
                boolean legacy = true;
                if (p.get("legacyrootprefix") != null) {
                    legacy = bool(p.get("legacyrootprefix").toString(), parameter, "legacyrootprefix");
                }
                if (p.get("trimlegacyrootprefix") != null && bool(p.get("trimlegacyrootprefix").toString(), parameter, "trimlegacyrootprefix")) {
                    legacy = false;
                }
                String root = string(p, "rootdirectory", parameter);
                return new AzureLocation(container, prefix(root == null ? "" : root, parameter), account, endpoint, legacy);
            }
            default:
                throw error(parameter, "unknown DTR storage driver '" + driver + "'; supported: filesystem, s3, azure");
        }
    }

    // ---- pieces shared with the location records ----

    /** Strips leading/trailing '/'; rejects empty, '.' and '..' segments. */
    static String normalizePrefix(String prefix, String what) {
        String p = prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty()) {
            for (String segment : p.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException(what + " must not contain '//', '.' or '..' segments: '" + prefix + "'");
                }
            }
        }
        return p;
    }

    static void checkEndpoint(URI endpoint, String what) {
        String scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException(what + " must be an http:// or https:// URL");
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException(what + " must name a host, e.g. http://127.0.0.1:9000");
        }
        if (endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " must not contain credentials (user:secret@)");
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            // A SAS token pasted into the URL would otherwise end up in logs.
            throw new IllegalArgumentException(what + " must not have a query or fragment (pass a SAS token as a credential)");
        }
    }

    static String encodePath(String path) {
        return encode(path, "/");
    }

    /** Builds "?a=b&c=d", skipping null values. */
    static final class Query {
        private final StringBuilder text = new StringBuilder();

        void add(String key, String value) {
            if (value != null) {
                text.append(text.length() == 0 ? '?' : '&').append(key).append('=').append(encode(value, ":/"));
            }
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    // ---- helpers ----

    private static IllegalArgumentException error(String parameter, String message) {
        return new IllegalArgumentException(parameter + ": " + message);
    }

    private static String prefix(String prefix, String parameter) {
        try {
            return normalizePrefix(prefix, "prefix");
        } catch (IllegalArgumentException e) {
            throw error(parameter, e.getMessage());
        }
    }

    private static Map<String, String> parseQuery(String query, String parameter) {
        Map<String, String> result = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return result;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), parameter, key);
            if (key.isEmpty()) {
                throw error(parameter, "empty parameter name in '?…'");
            }
            if (result.putIfAbsent(key, value) != null) {
                throw error(parameter, "parameter '" + key + "' given twice");
            }
        }
        return result;
    }

    private static void checkKeys(Map<String, String> query, Set<String> allowed, String kind, String parameter) {
        for (String key : query.keySet()) {
            if (!allowed.contains(key)) {
                // Only the key is quoted: the value may be a pasted secret (e.g. a SAS 'sig').
                throw error(parameter, "unknown " + kind + " location parameter '" + key + "'; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String region(String value, String parameter, String name) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("none")) {
            return null; // DTR writes region 'none' for S3-compatible servers
        }
        if (!REGION.matcher(value).matches()) {
            throw error(parameter, name + " '" + value + "' is not an AWS region name (e.g. us-east-1)");
        }
        return value;
    }

    private static String account(String value, String parameter, String name) {
        if (!ACCOUNT.matcher(value).matches()) {
            throw error(parameter, name + " '" + value + "' is not a storage account name: expected 3-24 lowercase letters and digits");
        }
        return value;
    }

    private static String realm(String value, String parameter) {
        if (!REALM.matcher(value).matches()) {
            throw error(parameter, "realm '" + value + "' is not a DNS suffix such as core.windows.net");
        }
        return value;
    }

    private static URI endpoint(String value, String parameter, String name) {
        if (value == null || value.isBlank()) {
            throw error(parameter, name + " is empty; expected a URL such as http://127.0.0.1:9000");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw error(parameter, name + " is not a valid URL; expected e.g. http://127.0.0.1:9000");
        }
        try {
            checkEndpoint(uri, name);
        } catch (IllegalArgumentException e) {
            throw error(parameter, e.getMessage());
        }
        String path = uri.getRawPath();
        if (path != null && path.endsWith("/")) {
            uri = URI.create(uri.toString().substring(0, uri.toString().length() - 1));
        }
        return uri;
    }

    /** The account from a blob endpoint: the host's first label on Azure, the first path segment on emulators. */
    static String accountOf(URI endpoint) {
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        int blob = host.indexOf(".blob.");
        if (blob > 0) {
            return host.substring(0, blob);
        }
        String path = endpoint.getPath() == null ? "" : endpoint.getPath();
        List<String> segments = List.of(path.split("/")).stream().filter(s -> !s.isEmpty()).toList();
        return segments.isEmpty() ? null : segments.get(0);
    }

    private static boolean bool(String value, String parameter, String name) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw error(parameter, name + " must be true or false");
    }

    private static String string(Map<String, ?> map, String key, String parameter) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        // Any CharSequence: a Jenkinsfile's interpolated "${…}" arrives as a Groovy GString.
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw error(parameter, "DTR storage parameter '" + key + "' must be a string");
    }

    private static String required(Map<String, ?> map, String key, String driver, String parameter) {
        String value = string(map, key, parameter);
        if (value == null || value.isBlank()) {
            throw error(parameter, driver + " storage configuration needs '" + key + "'");
        }
        return value;
    }

    private static Map<String, ?> asStringMap(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k).toLowerCase(Locale.ROOT), v));
        return result;
    }

    private static String percentDecode(String text, String parameter, String what) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw error(parameter, "bad %-escape in the " + what);
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw error(parameter, "bad %-escape in the " + what);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(bytes);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String text, String keep) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0
                    || keep.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
