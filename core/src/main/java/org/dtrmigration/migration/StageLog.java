package org.dtrmigration.migration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.util.Durations;

/**
 * Runs the stages of a procedure in order, announces each, times it, and keeps what each stage
 * reports (objects, bytes, tags checked …) for the final report. A failing stage stops the run and
 * is recorded as failed.
 */
public final class StageLog {

    /** One stage's outcome: name, duration, figures, and whether it belongs to the read-only window. */
    public record Stage(String name, Duration duration, Map<String, Object> figures, boolean readOnlyWindow, boolean failed) {
        public Stage {
            figures = Map.copyOf(figures);
        }
    }

    /** The body of a stage: does the work, returns figures for the report. */
    @FunctionalInterface
    public interface Body {
        Map<String, Object> run() throws Exception;
    }

    private final EventSink events;
    private final Clock clock;
    private final List<Stage> stages = new ArrayList<>();
    private boolean readOnly;

    public StageLog(EventSink events, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Marks the following stages as inside (or outside) the read-only window. */
    public void readOnlyWindow(boolean inside) {
        this.readOnly = inside;
    }

    public Map<String, Object> run(String name, Body body) throws Exception {
        int number = stages.size() + 1;
        events.info("");
        events.info("=== " + number + ". " + name + (readOnly ? "  [read-only window]" : ""));
        Instant start = clock.instant();
        try {
            Map<String, Object> figures = body.run();
            Duration took = Duration.between(start, clock.instant());
            stages.add(new Stage(name, took, figures == null ? Map.of() : figures, readOnly, false));
            events.info("--- " + name + ": done in " + Durations.human(took));
            return figures == null ? Map.of() : figures;
        } catch (Exception e) {
            stages.add(new Stage(name, Duration.between(start, clock.instant()), Map.of(), readOnly, true));
            events.warn(name + " FAILED: " + e.getMessage());
            throw e;
        }
    }

    public List<Stage> stages() {
        return List.copyOf(stages);
    }

    public Duration total() {
        return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
    }

    public Duration readOnlyWindowTotal() {
        return stages.stream().filter(Stage::readOnlyWindow).map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** A plain-text table of the stages and their figures. */
    public String report() {
        StringBuilder b = new StringBuilder();
        int width = stages.stream().mapToInt(s -> s.name().length()).max().orElse(10);
        for (Stage s : stages) {
            b.append(String.format(Locale.ROOT, "  %-" + width + "s  %10s  %s%s%n", s.name(), Durations.human(s.duration()),
                    s.failed() ? "FAILED " : "", format(s.figures())));
        }
        b.append(String.format(Locale.ROOT, "  %-" + width + "s  %10s%n", "total", Durations.human(total())));
        if (stages.stream().anyMatch(Stage::readOnlyWindow)) {
            b.append(String.format(Locale.ROOT, "  %-" + width + "s  %10s%n", "read-only window", Durations.human(readOnlyWindowTotal())));
        }
        return b.toString();
    }

    private static String format(Map<String, Object> figures) {
        Map<String, Object> ordered = new LinkedHashMap<>(figures);
        StringBuilder b = new StringBuilder();
        ordered.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }
}
