package org.dtrmigration.simulator.http;

import java.util.Optional;

/** Turns an {@code Authorization} header into a user, or empty when it names nobody valid. */
@FunctionalInterface
public interface Authenticator {
    Optional<ApiRequest.AuthenticatedUser> authenticate(String authorizationHeader);
}
