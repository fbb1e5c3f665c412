package org.dtrmigration.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when the fake sleeper sleeps, so waits are instant and deterministic. */
public final class FakeClock extends Clock implements Sleeper {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public void sleep(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
