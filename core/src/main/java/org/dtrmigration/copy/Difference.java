package org.dtrmigration.copy;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing that keeps a copy from being complete, or a destination from being an exact copy: what,
 * which key (relative to the registry root), and a sentence for a person.
 */
public record Difference(Kind kind, String key, String detail) implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** In the source, not in the destination. */
        MISSING,
        /** In the destination, not in the source. */
        EXTRA,
        /** In both, with different sizes. */
        SIZE_MISMATCH,
        /** In both with the same size, different content (a moved tag; a flipped byte found by a deep check). */
        CONTENT_MISMATCH,
        /** A link in the destination whose target blob (or a blob its manifest references) is not in the destination. */
        DANGLING_LINK,
        /** A source blob whose content does not match the digest in its key: not copied. */
        CORRUPT_SOURCE,
        /** An object that could not be copied (after retries). */
        COPY_FAILED,
        /** A link left out because the blob it points at could not be copied. */
        LINK_NOT_COPIED,
        /** A prefix whose listing failed (after retries); deletions are skipped. */
        LISTING_FAILED,
        /** Deletions skipped because the run was not complete. */
        DELETE_SKIPPED,
        /** An extra object that could not be deleted. */
        DELETE_FAILED,
        /** An object that could not be read to compare it (after retries). */
        UNREADABLE,
        /** The run stopped early. */
        ABORTED
    }

    public Difference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return kind + " " + key + (detail.isEmpty() ? "" : ": " + detail);
    }
}
