package org.dtrmigration.copy;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a copy did. Counts cover the objects in scope: under {@code docker/registry/v2/}, in this shard,
 * {@code _uploads/} only when included. In a dry run, "copied" and "deleted" count what would be.
 *
 * @param sourceObjects   objects listed in the source
 * @param sourceBytes     their total size
 * @param copiedObjects   objects written (new, changed, or a tag moved)
 * @param copiedBytes     bytes written
 * @param unchangedObjects objects already identical in the destination, skipped
 * @param deletedObjects  destination-only objects deleted (with delete)
 * @param extraObjects    destination-only objects kept (without delete)
 * @param failedObjects   objects that could not be copied, or links left out because their blob could not be
 * @param retries         transient errors retried along the way
 * @param problems        the first problems found ({@link #problemCount} counts them all)
 */
public record CopyResult(boolean dryRun, long sourceObjects, long sourceBytes, long copiedObjects, long copiedBytes,
                         long unchangedObjects, long deletedObjects, long extraObjects, long failedObjects, long retries,
                         Duration duration, List<Difference> problems, long problemCount) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CopyResult {
        Objects.requireNonNull(duration, "duration");
        problems = List.copyOf(problems);
    }

    /** Whether every object in scope is now in the destination as in the source (or would be, in a dry run). */
    public boolean complete() {
        return problemCount == 0 && failedObjects == 0;
    }

    /** One line for logs and consoles. */
    public String summary() {
        String verb = dryRun ? "would copy " : "copied ";
        return (complete() ? "" : "INCOMPLETE: ") + verb + copiedObjects + " objects (" + Sizes.bytes(copiedBytes) + "), "
                + unchangedObjects + " unchanged, " + (dryRun ? "would delete " : "deleted ") + deletedObjects
                + (extraObjects > 0 ? ", kept " + extraObjects + " destination-only" : "")
                + (failedObjects > 0 ? ", " + failedObjects + " FAILED" : "")
                + (problemCount > 0 ? ", " + problemCount + " problem(s)" : "")
                + "; " + sourceObjects + " source objects (" + Sizes.bytes(sourceBytes) + ") in " + Sizes.duration(duration)
                + (retries > 0 ? ", " + retries + " retries" : "");
    }
}
