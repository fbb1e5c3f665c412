package org.dtrmigration.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dtrmigration.migration.StageLog;

/**
 * The three procedures of the runbooks, each stage the same CLI command a person would run (in this
 * JVM), echoing its output and keeping its last line for the report.
 */
final class RehearsalProcedures {

    enum Procedure { best_practice, read_only, shortest_window }

    /** What an embedded rehearsal adds to a procedure; a real one adds nothing. */
    interface Observer {
        /** Called in the shortest window between the bulk and the delta copy, registry live; figures, or null for no stage. */
        default Map<String, Object> whileLive() throws Exception {
            return null;
        }

        /** Called just before online GC. */
        default void beforeGc() throws Exception {
        }
    }

    private final Main main;
    private final StageLog stages;
    private final RehearsalTarget t;
    private final Observer observer;

    RehearsalProcedures(Main main, StageLog stages, RehearsalTarget target, Observer observer) {
        this.main = main;
        this.stages = stages;
        this.t = target;
        this.observer = observer;
    }

    void run(Procedure procedure) throws Exception {
        switch (procedure) {
            case best_practice -> bestPractice();
            case read_only -> readOnly(false);
            case shortest_window -> readOnly(true);
            default -> throw new IllegalStateException(procedure.name());
        }
    }

    /** Best practice: GC off, read-only, backup, copy, verify, restore onto the new storage, tag check, online GC. */
    private void bestPractice() throws Exception {
        Path gc = t.work().resolve("dtr-gc-schedule.json");
        Path backup = t.work().resolve("backups/dtr.tar");
        Path snapshot = backup.resolveSibling("dtr.tar.tags.json");
        Path record = t.work().resolve("dtr-restore.json");
        Path report = t.work().resolve("dtr-tag-check.json");
        stage("disable GC (save schedule)", dtr("gc", "disable", "--save", gc.toString()));
        stages.readOnlyWindow(true);
        stage("read-only on", dtr("read-only", "on"));
        stage("back up metadata (+ tag snapshot)", bootstrapper("backup", "--out", backup.toString()));
        stage("copy storage", "copy", "--from", t.from(), "--to", t.to());
        stage("verify copy", "verify", "--from", t.from(), "--to", t.to());
        stage("destroy + restore onto new storage", bootstrapper("restore", "--from", backup.toString(),
                "--storage", t.to(), "--record", record.toString()));
        stage("tag check on new storage", dtr("tags", "check", "--from", snapshot.toString(), "--storage", t.to(),
                "--report", report.toString()));
        observer.beforeGc();
        stage("online GC (onlinegc_blobs)", dtr("online-gc", "--restore-record", record.toString(), "--tag-check",
                report.toString()));
        stage("tag check after GC", dtr("tags", "check", "--from", snapshot.toString(), "--storage", t.to(),
                "--report", t.work().resolve("dtr-tag-check-after-gc.json").toString()));
        stage("read-only off", dtr("read-only", "off"));
        stages.readOnlyWindow(false);
        stage("restore GC schedule", dtr("gc", "restore", "--from", gc.toString()));
    }

    /**
     * The read-only window (reconfigure --storage-migrated); with {@code shortest}, the bulk copy runs
     * while the registry is live (the embedded rehearsal pushes images meanwhile), and the window
     * holds only a delta copy.
     */
    private void readOnly(boolean shortest) throws Exception {
        Path gc = t.work().resolve("dtr-gc-schedule.json");
        Path snapshot = t.work().resolve("dtr-tags.json");
        Path report = t.work().resolve("dtr-tag-check.json");
        stage("disable GC (save schedule)", dtr("gc", "disable", "--save", gc.toString()));
        if (shortest) {
            stage("bulk copy (registry live)", "copy", "--from", t.from(), "--to", t.to());
            Map<String, Object> pushed = observer.whileLive();
            if (pushed != null) {
                stages.run("pushes while live", () -> pushed);
            }
        }
        stages.readOnlyWindow(true);
        stage("read-only on", dtr("read-only", "on"));
        if (shortest) {
            stage("delta copy (--delete)", "copy", "--from", t.from(), "--to", t.to(), "--delete");
        } else {
            stage("copy storage", "copy", "--from", t.from(), "--to", t.to());
        }
        stage("verify copy", "verify", "--from", t.from(), "--to", t.to());
        stage("reconfigure --storage-migrated", bootstrapper("reconfigure", "--storage-migrated", "--storage", t.to(),
                "--source", t.from(), "--tag-snapshot", snapshot.toString()));
        stage("tag check on new storage", dtr("tags", "check", "--from", snapshot.toString(), "--storage", t.to(),
                "--report", report.toString()));
        stage("read-only off", dtr("read-only", "off"));
        stages.readOnlyWindow(false);
        observer.beforeGc();
        stage("online GC (onlinegc_blobs)", dtr("online-gc", "--restore-record", t.work().resolve("no-restore.json").toString(),
                "--tag-check", report.toString()));
        stage("tag check after GC", dtr("tags", "check", "--from", snapshot.toString(), "--storage", t.to(),
                "--report", t.work().resolve("dtr-tag-check-after-gc.json").toString()));
        stage("restore GC schedule", dtr("gc", "restore", "--from", gc.toString()));
    }

    /** A DTR command: its words, then the DTR options. */
    private String[] dtr(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(t.dtrOptions());
        return all.toArray(String[]::new);
    }

    /** A bootstrapper command: its words, then the DTR and the bootstrapper options. */
    private String[] bootstrapper(String... args) {
        List<String> all = new ArrayList<>(List.of(dtr(args)));
        all.addAll(t.bootstrapperOptions());
        return all.toArray(String[]::new);
    }

    private void stage(String name, String... args) throws Exception {
        stages.run(name, () -> {
            StringWriter captured = new StringWriter();
            PrintWriter out = new PrintWriter(new Tee(main.out(), captured), true);
            int code = Main.commandLine(t.env(), out, main.err()).execute(args);
            out.flush();
            if (code != Main.OK) {
                throw new IllegalStateException("'dtr-migrate " + args[0] + "' exited with " + code);
            }
            String[] lines = captured.toString().strip().split("\n");
            return Map.of("result", lines[lines.length - 1].strip());
        });
    }

    /** Writes to the console and to a capture at once. */
    private static final class Tee extends Writer {
        private final Writer a;
        private final Writer b;

        Tee(Writer a, Writer b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
