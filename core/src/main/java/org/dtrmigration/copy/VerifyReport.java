package org.dtrmigration.copy;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a verification found. The destination is an exact copy when {@link #clean()}: nothing missing, extra,
 * of another size or content, and every link's target present.
 *
 * @param danglingInSource links whose target is missing on both sides: the copy is exact, the source itself
 *                         has them (left behind by garbage collection); counted, not a difference
 * @param deepChecked      destination blobs re-hashed (with deep)
 * @param counts           differences by kind
 * @param differences      the first differences ({@link #differenceCount} counts them all)
 */
public record VerifyReport(long sourceObjects, long sourceBytes, long destinationObjects, long destinationBytes,
                           long danglingInSource, long deepChecked, Duration duration, Map<Difference.Kind, Long> counts,
                           List<Difference> differences, long differenceCount) implements Serializable {
    private static final long serialVersionUID = 1L;

    public VerifyReport {
        Objects.requireNonNull(duration, "duration");
        counts = Map.copyOf(counts);
        differences = List.copyOf(differences);
    }

    public boolean clean() {
        return differenceCount == 0;
    }

    public long count(Difference.Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    public String summary() {
        String head = clean() ? "verified: the destination is an exact copy" : "NOT an exact copy: " + differenceCount + " difference(s)";
        StringBuilder s = new StringBuilder(head).append(" (").append(sourceObjects).append(" source objects, ")
                .append(Sizes.bytes(sourceBytes)).append("; ").append(destinationObjects).append(" destination objects");
        if (deepChecked > 0) {
            s.append("; ").append(deepChecked).append(" blobs re-hashed");
        }
        s.append("; ").append(Sizes.duration(duration)).append(')');
        if (!clean()) {
            s.append(": ");
            String sep = "";
            for (Difference.Kind kind : Difference.Kind.values()) {
                long n = count(kind);
                if (n > 0) {
                    s.append(sep).append(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(' ').append(n);
                    sep = ", ";
                }
            }
        }
        if (danglingInSource > 0) {
            s.append("; note: ").append(danglingInSource).append(" link(s) point at blobs missing in the source too");
        }
        return s.toString();
    }
}
