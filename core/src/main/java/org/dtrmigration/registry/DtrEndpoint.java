package org.dtrmigration.registry;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import org.dtrmigration.secret.Secret;

/**
 * Where and as whom to talk to DTR/MSR. The token is an access token (or password) of an
 * administrator; it is masked in {@link #toString()}.
 */
public record DtrEndpoint(URI url, String username, Secret token, TlsOptions tls) implements Serializable {

    public DtrEndpoint {
        Objects.requireNonNull(url, "url");
        if (url.getScheme() == null || !(url.getScheme().equals("https") || url.getScheme().equals("http"))) {
            throw new IllegalArgumentException("url: expected an https:// URL of DTR/MSR, got '" + url + "'");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("url: no host in '" + url + "'");
        }
        if (url.getRawUserInfo() != null) {
            // The URL shows up in messages and logs; a password in it would leak there.
            throw new IllegalArgumentException("url: must not contain credentials; pass the username and token separately");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("url: expected the DTR/MSR base URL without query or fragment, got '" + url + "'");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username: required (a DTR/MSR administrator)");
        }
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("token: required (an access token of user '" + username + "')");
        }
        tls = tls == null ? TlsOptions.verified() : tls;
        // Normalise to no trailing slash so paths can be appended.
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        url = URI.create(s);
    }

    /** Parses a URL given by a person, naming the parameter in the error. */
    public static URI parseUrl(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(parameter + ": required (the DTR/MSR URL, e.g. https://dtr.example.com)");
        }
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException(parameter + ": expected a URL with scheme, e.g. https://" + value.trim());
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(parameter + ": not a valid URL: " + e.getReason());
        }
    }

    @Override
    public String toString() {
        return "DtrEndpoint[" + url + " as " + username + "]";
    }
}
