package org.dtrmigration.simulator.http;

import java.io.IOException;

/** Handles one routed request. */
@FunctionalInterface
public interface Handler {
    ApiResponse handle(ApiRequest request) throws ApiException, IOException;
}
