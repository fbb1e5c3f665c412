package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import org.dtrmigration.copy.CopyRequest;
import org.dtrmigration.copy.CopyResult;
import org.dtrmigration.copy.Copier;
import org.dtrmigration.copy.Difference;
import org.dtrmigration.copy.Tuning;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.storage.StoreFactory;

/**
 * Runs a copy on the agent. Carries the request (locations and resolved credentials, whose secrets print as
 * {@code ****}) and the listener; returns the summary map, or fails with the problems when the copy is incomplete.
 */
final class CopyStorageCallable extends MasterToSlaveFileCallable<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    /** Problems in the returned map and the failure message; all are counted. */
    static final int LISTED = 100;
    static final int IN_MESSAGE = 20;

    private final CopyRequest request;
    private final TaskListener listener;

    CopyStorageCallable(CopyRequest request, TaskListener listener) {
        this.request = request;
        this.listener = listener;
    }

    CopyRequest request() {
        return request;
    }

    @Override
    public Map<String, Object> invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        EventSink events = new ListenerSink(listener);
        CopyResult result;
        try {
            result = Copier.run(request, new StoreFactory(Copier.storeOptions(request.options())), events, Tuning.defaults());
        } catch (InterruptedIOException e) {
            throw new InterruptedException(e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        if (!result.complete() && !result.dryRun()) {
            throw new AbortException(failure("copy incomplete: " + result.summary(), result.problems(), result.problemCount())
                    + "\nFix the cause and run the step again: it copies only what is missing.");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("complete", result.complete());
        map.put("dryRun", result.dryRun());
        map.put("sourceObjects", result.sourceObjects());
        map.put("sourceBytes", result.sourceBytes());
        map.put("copiedObjects", result.copiedObjects());
        map.put("copiedBytes", result.copiedBytes());
        map.put("unchangedObjects", result.unchangedObjects());
        map.put("deletedObjects", result.deletedObjects());
        map.put("extraObjects", result.extraObjects());
        map.put("failedObjects", result.failedObjects());
        map.put("retries", result.retries());
        map.put("seconds", result.duration().toMillis() / 1000.0);
        map.put("problemCount", result.problemCount());
        map.put("problems", strings(result.problems()));
        return map;
    }

    static List<String> strings(List<Difference> differences) {
        List<String> list = new ArrayList<>();
        for (Difference d : differences.subList(0, Math.min(LISTED, differences.size()))) {
            list.add(d.toString());
        }
        return list;
    }

    static String failure(String headline, List<Difference> differences, long total) {
        StringBuilder message = new StringBuilder(headline);
        int shown = Math.min(IN_MESSAGE, differences.size());
        for (Difference d : differences.subList(0, shown)) {
            message.append("\n  ").append(d);
        }
        if (total > shown) {
            message.append("\n  … and ").append(total - shown).append(" more");
        }
        return message.toString();
    }
}
