package org.dtrmigration.bootstrapper;

import java.io.Serializable;
import java.util.Objects;
import org.dtrmigration.secret.Secret;

/**
 * How the bootstrapper reaches UCP/MKE: URL, an administrator and their password, and how to trust
 * UCP's certificate (its CA as PEM, or insecure TLS only when asked for explicitly). The password
 * travels to the container through the environment, never as an argument.
 */
public record UcpConnection(String url, String username, Secret password, String caPem, boolean insecureTls)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public UcpConnection {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("ucpUrl: required, the UCP/MKE URL, e.g. https://ucp.example.com");
        }
        url = url.strip();
        if (url.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("ucpUrl: must not contain whitespace");
        }
        int scheme = url.indexOf("://");
        String authority = scheme < 0 ? url : url.substring(scheme + 3);
        int slash = authority.indexOf('/');
        if ((slash < 0 ? authority : authority.substring(0, slash)).contains("@")) {
            // The URL is an argument of the docker command and shows up in logs.
            throw new IllegalArgumentException("ucpUrl: must not contain credentials; give the UCP user and password separately");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("ucpUsername: required, a UCP/MKE administrator");
        }
        username = username.strip();
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("ucpPassword: required, the password of UCP/MKE user '" + username + "'");
        }
        if (caPem != null && caPem.isBlank()) {
            caPem = null;
        }
        if (caPem != null && !caPem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("ucpCaCertificate: expected PEM text starting with -----BEGIN CERTIFICATE-----");
        }
        if (caPem != null && insecureTls) {
            throw new IllegalArgumentException("ucpCaCertificate and ucpInsecure: give one, not both");
        }
        if (caPem == null && !insecureTls) {
            throw new IllegalArgumentException("ucpCaCertificate: required, the PEM of UCP/MKE's CA (https://UCP/ca);"
                    + " for a lab without it, ask for insecure TLS explicitly");
        }
    }

    @Override
    public String toString() {
        return "UcpConnection[" + url + " as " + username + (insecureTls ? ", insecure TLS" : ", CA pinned") + "]";
    }
}
