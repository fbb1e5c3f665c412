package org.dtrmigration.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.simulator.http.ApiRequest.AuthenticatedUser;
import org.dtrmigration.simulator.http.Authenticator;

/** HTTP basic auth against the configured users; tokens are compared in constant time. */
final class BasicAuthenticator implements Authenticator {
    private final List<ApiUser> users;

    BasicAuthenticator(List<ApiUser> users) {
        this.users = List.copyOf(users);
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String name = decoded.substring(0, colon);
        Secret token = Secret.of(decoded.substring(colon + 1));
        return users.stream()
                .filter(u -> u.name().equals(name) && u.token().equals(token))
                .findFirst()
                .map(u -> new AuthenticatedUser(u.name(), u.admin()));
    }
}
