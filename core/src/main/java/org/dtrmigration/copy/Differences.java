package org.dtrmigration.copy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects differences from many threads: every one goes to an optional listener (a report file), the
 * first {@link #limit} are kept for the result, and all are counted by kind. Memory stays bounded
 * however many there are.
 */
final class Differences {
    private final int limit;
    private final Consumer<Difference> listener;
    private final List<Difference> kept = new ArrayList<>();
    private final Map<Difference.Kind, Long> counts = new EnumMap<>(Difference.Kind.class);
    private long total;

    Differences(int limit, Consumer<Difference> listener) {
        this.limit = limit;
        this.listener = listener;
    }

    synchronized void add(Difference d) {
        total++;
        counts.merge(d.kind(), 1L, Long::sum);
        if (kept.size() < limit) {
            kept.add(d);
        }
        if (listener != null) {
            listener.accept(d);
        }
    }

    synchronized long count(Difference.Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    synchronized long total() {
        return total;
    }

    synchronized List<Difference> kept() {
        return List.copyOf(kept);
    }

    synchronized Map<Difference.Kind, Long> counts() {
        return Map.copyOf(counts);
    }
}
