package org.dtrmigration.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dtrmigration.storage.FilesystemStore;

/** Builds simulators for tests: temp storage, known users, quick jobs. */
final class Sims {
    private Sims() {
    }

    static SimulatorConfig.Builder builder(Path dir) throws IOException {
        return DtrSimulator.builder()
                .storage(store(dir))
                .admin(Api.ADMIN, Api.ADMIN_TOKEN)
                .user(Api.DEV, Api.DEV_TOKEN)
                .readOnlyLag(Duration.ZERO)
                .jobStartDelay(Duration.ofMillis(20))
                .jobStepDelay(Duration.ofMillis(5))
                .cronScheduler(false);
    }

    /** The registry root under a test directory (the store wants it to exist). */
    static FilesystemStore store(Path dir) throws IOException {
        return new FilesystemStore(Files.createDirectories(dir.resolve("storage")));
    }

    static DtrSimulator start(Path dir) throws IOException {
        return builder(dir).start();
    }
}
