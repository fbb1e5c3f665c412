package io.jenkins.plugins.dtrmigration;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import org.dtrmigration.copy.Difference;
import org.dtrmigration.copy.Tuning;
import org.dtrmigration.copy.Verifier;
import org.dtrmigration.copy.VerifyReport;
import org.dtrmigration.copy.VerifyRequest;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.storage.StoreFactory;

/** Runs a verification on the agent; writes the report file in the workspace; fails with the differences when not clean. */
final class VerifyStorageCallable extends MasterToSlaveFileCallable<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final VerifyRequest request;
    private final String report;
    private final TaskListener listener;

    VerifyStorageCallable(VerifyRequest request, String report, TaskListener listener) {
        this.request = request;
        this.report = report;
        this.listener = listener;
    }

    @Override
    public Map<String, Object> invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        EventSink events = new ListenerSink(listener);
        VerifyReport result;
        Path file = report == null ? null : WorkspaceFiles.resolve(workspace, report);
        try (BufferedWriter out = file == null ? null : open(file)) {
            result = Verifier.run(request, new StoreFactory(), events, Tuning.defaults(), out == null ? null : d -> line(out, d));
            if (out != null) {
                out.write("# " + result.summary() + "\n");
            }
        } catch (InterruptedIOException e) {
            throw new InterruptedException(e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        if (!result.clean()) {
            throw new AbortException(CopyStorageCallable.failure(result.summary(), result.differences(), result.differenceCount())
                    + (report != null ? "\nAll differences: " + report : ""));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("clean", true);
        map.put("sourceObjects", result.sourceObjects());
        map.put("sourceBytes", result.sourceBytes());
        map.put("destinationObjects", result.destinationObjects());
        map.put("destinationBytes", result.destinationBytes());
        map.put("danglingInSource", result.danglingInSource());
        map.put("deepChecked", result.deepChecked());
        map.put("seconds", result.duration().toMillis() / 1000.0);
        map.put("differenceCount", result.differenceCount());
        map.put("report", report);
        return map;
    }

    private BufferedWriter open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write("# dtrVerifyStorage from " + request.from().location().toUri() + " to " + request.to().location().toUri()
                + (request.options().deep() ? " (deep)" : "") + "\n");
        return out;
    }

    private static void line(BufferedWriter out, Difference d) {
        synchronized (out) {
            try {
                out.write(d.toString());
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
