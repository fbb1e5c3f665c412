package org.dtrmigration.simulator;

import java.util.Objects;
import org.dtrmigration.secret.Secret;

/** A user the simulator accepts with HTTP basic auth ({@code name:token}); the token prints masked. */
public record ApiUser(String name, Secret token, boolean admin) {
    public ApiUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        if (name.isEmpty() || name.contains(":")) {
            throw new IllegalArgumentException("user name must be non-empty and contain no ':': '" + name + "'");
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException("token of user " + name + " must not be empty");
        }
    }
}
