package io.jenkins.plugins.dtrmigration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dtrmigration.registry.Cron;

/** Crons as plain maps for Jenkinsfiles. */
final class GcViews {

    private GcViews() {
    }

    static List<Map<String, Object>> crons(List<Cron> crons) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Cron c : crons) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", c.action());
            m.put("schedule", c.schedule());
            out.add(m);
        }
        return out;
    }
}
