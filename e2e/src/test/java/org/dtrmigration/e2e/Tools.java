package org.dtrmigration.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the Debian-packaged tools the end-to-end tests drive. Missing tools skip the tests on a
 * developer machine and fail them in CI, where .ci/run installs them.
 */
final class Tools {

    private Tools() {
    }

    static Path require(String name) {
        Optional<Path> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        String message = name + " is not installed: apt-get install -y docker-registry skopeo (.ci/run does this)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
