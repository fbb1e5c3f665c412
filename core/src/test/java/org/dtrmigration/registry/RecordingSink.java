package org.dtrmigration.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dtrmigration.events.EventSink;

/** Collects events so tests can assert on what a person would see. */
public final class RecordingSink implements EventSink {
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARNING: " + message);
    }

    public String text() {
        return String.join("\n", lines);
    }
}
