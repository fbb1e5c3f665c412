package org.dtrmigration.simulator.http;

import java.time.Instant;

/**
 * One request the simulator answered (or dropped: status -1), for tests that assert how a client
 * behaved, e.g. that it retried. Never holds credentials.
 */
public record RequestRecord(Instant at, String method, String path, String query, int status, String user) {
}
