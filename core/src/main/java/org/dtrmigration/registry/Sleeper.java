package org.dtrmigration.registry;

import java.time.Duration;

/** Waiting between polls; tests substitute a fake that advances a fake clock. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());
}
