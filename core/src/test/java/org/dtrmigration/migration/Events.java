package org.dtrmigration.migration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dtrmigration.events.EventSink;

/** Records events for assertions. */
final class Events implements EventSink {
    final List<String> infos = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    String all() {
        return String.join("\n", infos) + "\n" + String.join("\n", warnings);
    }
}
