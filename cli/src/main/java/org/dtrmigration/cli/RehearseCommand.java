package org.dtrmigration.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.migration.StageLog;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The main job: a whole migration rehearsed on embedded defaults. Every stage runs the same command a
 * person would run (in this JVM), so the rehearsal exercises exactly what the runbooks tell people to do.
 */
@Command(name = "rehearse", description = {"Rehearse a whole storage migration on a generated demo registry:",
        "simulated DTR/MSR, demo registry on the local filesystem, new storage on an in-process S3 server."})
final class RehearseCommand implements Callable<Integer> {

    enum Procedure { best_practice, read_only, shortest_window }

    @ParentCommand
    Main main;

    @Option(names = "--procedure", defaultValue = "best_practice",
            description = "best_practice (backup, copy, restore, online GC), read_only (read-only window, reconfigure"
                    + " --storage-migrated) or shortest_window (bulk copy live, short read-only delta). Default: ${DEFAULT-VALUE}.")
    Procedure procedure;

    @Option(names = "--target", defaultValue = "s3", description = "New storage: s3 (in-process S3 server) or filesystem. Default: ${DEFAULT-VALUE}.")
    RehearsalEnvironment.Target target;

    @Option(names = "--product", defaultValue = "DTR", description = "DTR or MSR. Default: ${DEFAULT-VALUE}.")
    Product product;

    @Option(names = "--version", paramLabel = "VERSION", description = "DTR/MSR version to simulate (default 2.7.5 for DTR, 2.9.4 for MSR).")
    String version;

    @Option(names = "--scale", defaultValue = "1", description = "Size of the demo registry (1: 24 images, about 10 MiB of blobs).")
    int scale;

    @Option(names = "--work", paramLabel = "DIR", description = "Working directory (default: a new temporary directory, removed after).")
    Path work;

    @Option(names = "--keep", description = "Keep the working directory.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        if (scale < 1 || scale > 1000) {
            throw new IllegalArgumentException("--scale: expected 1..1000, got " + scale);
        }
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("dtr-rehearsal-") : work.toAbsolutePath();
        StageLog stages = new StageLog(main.events(), Clock.systemUTC());
        Map<String, Object> totals = new LinkedHashMap<>();
        int code = Main.FAILED;
        RehearsalEnvironment[] envHolder = new RehearsalEnvironment[1];
        try {
            stages.run("prepare demo registry, simulated " + product + ", new storage", () -> {
                envHolder[0] = new RehearsalEnvironment(dir, target, product, version, scale, inheritedEnvironment());
                RehearsalEnvironment e = envHolder[0];
                totals.put("images", e.tree.images().size());
                totals.put("blobs", e.tree.blobs().size());
                totals.put("blobBytes", e.tree.blobBytes());
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("dtr", e.sim.url() + " (" + product + " " + e.sim.config().version() + ")");
                figures.put("images", e.tree.images().size());
                figures.put("source", e.sourceUri());
                figures.put("destination", e.destination.toUri());
                return figures;
            });
            RehearsalEnvironment e = envHolder[0];
            Runner run = new Runner(e, stages);
            switch (procedure) {
                case best_practice -> bestPractice(e, run, stages);
                case read_only -> readOnly(e, run, stages, false);
                case shortest_window -> readOnly(e, run, stages, true);
                default -> throw new IllegalStateException();
            }
            long collected = run.blobsBeforeGc - countBlobs(e);
            totals.put("blobsBeforeGc", run.blobsBeforeGc);
            totals.put("blobsCollected", collected);
            totals.put("danglingBlobsPlanted", e.danglingBlobs);
            if (collected != e.danglingBlobs) {
                throw new IllegalStateException("online GC collected " + collected + " blob(s); the rehearsal planted exactly "
                        + e.danglingBlobs + " dangling one(s)");
            }
            code = Main.OK;
        } finally {
            if (envHolder[0] != null) {
                envHolder[0].close();
            }
            main.out().println();
            main.out().println("Rehearsal " + (code == Main.OK ? "PASSED" : "FAILED") + ": " + procedure + " onto " + target);
            main.out().print(stages.report());
            totals.forEach((k, v) -> main.out().println("  " + k + ": " + v));
            if (temporary && !keep) {
                deleteTree(dir);
            } else {
                main.out().println("  working directory: " + dir);
            }
            main.out().flush();
        }
        return code;
    }

    private Map<String, String> inheritedEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String k : List.of("PATH", "HOME", "JAVA_HOME", "TMPDIR")) {
            if (main.env().containsKey(k)) {
                env.put(k, main.env().get(k));
            }
        }
        return env;
    }

    /** Best practice: GC off, read-only, backup, copy, verify, restore onto the new storage, tag check, online GC. */
    private void bestPractice(RehearsalEnvironment e, Runner run, StageLog stages) throws Exception {
        Path gc = e.work.resolve("dtr-gc-schedule.json");
        Path backup = e.work.resolve("backups/dtr.tar");
        Path record = e.work.resolve("dtr-restore.json");
        Path report = e.work.resolve("dtr-tag-check.json");
        String to = e.destination.toUri();
        run.stage("disable GC (save schedule)", "gc", "disable", "--save", gc.toString(), "--url", url(e));
        stages.readOnlyWindow(true);
        run.stage("read-only on", "read-only", "on", "--url", url(e));
        run.stage("back up metadata (+ tag snapshot)", bootstrapper(e, "backup", "--out", backup.toString()));
        run.stage("copy storage", "copy", "--from", e.sourceUri(), "--to", to);
        run.stage("verify copy", "verify", "--from", e.sourceUri(), "--to", to);
        run.stage("destroy + restore onto new storage", bootstrapper(e, "restore", "--from", backup.toString(),
                "--storage", to, "--record", record.toString()));
        run.stage("tag check on new storage", "tags", "check", "--from", backup.resolveSibling("dtr.tar.tags.json").toString(),
                "--storage", to, "--report", report.toString(), "--url", url(e));
        run.blobsBeforeGc = countBlobs(e);
        run.stage("online GC (onlinegc_blobs)", "online-gc", "--restore-record", record.toString(), "--tag-check",
                report.toString(), "--url", url(e));
        run.stage("tag check after GC", "tags", "check", "--from", backup.resolveSibling("dtr.tar.tags.json").toString(),
                "--storage", to, "--report", e.work.resolve("dtr-tag-check-after-gc.json").toString(), "--url", url(e));
        run.stage("read-only off", "read-only", "off", "--url", url(e));
        stages.readOnlyWindow(false);
        run.stage("restore GC schedule", "gc", "restore", "--from", gc.toString(), "--url", url(e));
    }

    /**
     * The read-only window (reconfigure --storage-migrated); with {@code shortest}, the bulk copy runs
     * while the registry is live, new images are pushed meanwhile, and the window holds only a delta copy.
     */
    private void readOnly(RehearsalEnvironment e, Runner run, StageLog stages, boolean shortest) throws Exception {
        Path gc = e.work.resolve("dtr-gc-schedule.json");
        Path snapshot = e.work.resolve("dtr-tags.json");
        Path report = e.work.resolve("dtr-tag-check.json");
        String to = e.destination.toUri();
        run.stage("disable GC (save schedule)", "gc", "disable", "--save", gc.toString(), "--url", url(e));
        if (shortest) {
            run.stage("bulk copy (registry live)", "copy", "--from", e.sourceUri(), "--to", to);
            stages.run("pushes while live", () -> {
                e.sim.push("demo/late", "1.0");
                e.sim.push("demo/late", "1.1");
                return Map.of("pushed", "demo/late:1.0, demo/late:1.1");
            });
        }
        stages.readOnlyWindow(true);
        run.stage("read-only on", "read-only", "on", "--url", url(e));
        if (shortest) {
            run.stage("delta copy (--delete)", "copy", "--from", e.sourceUri(), "--to", to, "--delete");
        } else {
            run.stage("copy storage", "copy", "--from", e.sourceUri(), "--to", to);
        }
        run.stage("verify copy", "verify", "--from", e.sourceUri(), "--to", to);
        run.stage("reconfigure --storage-migrated", bootstrapper(e, "reconfigure", "--storage-migrated", "--storage", to,
                "--source", e.sourceUri(), "--tag-snapshot", snapshot.toString()));
        run.stage("tag check on new storage", "tags", "check", "--from", snapshot.toString(), "--storage", to,
                "--report", report.toString(), "--url", url(e));
        run.stage("read-only off", "read-only", "off", "--url", url(e));
        stages.readOnlyWindow(false);
        run.blobsBeforeGc = countBlobs(e);
        run.stage("online GC (onlinegc_blobs)", "online-gc", "--restore-record", e.work.resolve("no-restore.json").toString(),
                "--tag-check", report.toString(), "--url", url(e));
        run.stage("tag check after GC", "tags", "check", "--from", snapshot.toString(), "--storage", to,
                "--report", e.work.resolve("dtr-tag-check-after-gc.json").toString(), "--url", url(e));
        run.stage("restore GC schedule", "gc", "restore", "--from", gc.toString(), "--url", url(e));
    }

    private static String url(RehearsalEnvironment e) {
        return e.sim.url().toString();
    }

    private static String[] bootstrapper(RehearsalEnvironment e, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", url(e), "--ucp-url", "https://ucp.rehearsal.invalid", "--ucp-username", "ucp-admin",
                "--ucp-insecure-tls", "--replica-id", RehearsalEnvironment.REPLICA, "--docker", e.docker.toString()));
        return all.toArray(String[]::new);
    }

    /** Blobs in the new storage, to report what online GC collected. */
    private static long countBlobs(RehearsalEnvironment e) throws IOException {
        long n = 0;
        try (ObjectStore store = new StoreFactory().open(e.destination,
                new EnvironmentCredentials(e.env).resolve(e.destination, "--target"));
             ObjectListing list = store.list(RegistryLayout.BLOBS)) {
            while (list.hasNext()) {
                ObjectInfo o = list.next();
                if (RegistryLayout.classify(o.key()) instanceof RegistryKey.BlobData) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs one CLI command per stage, in this JVM, echoing its output and keeping its last line for the report. */
    private final class Runner {
        private final RehearsalEnvironment e;
        private final StageLog stages;
        long blobsBeforeGc;

        Runner(RehearsalEnvironment e, StageLog stages) {
            this.e = e;
            this.stages = stages;
        }

        void stage(String name, String... args) throws Exception {
            stages.run(name, () -> {
                StringWriter captured = new StringWriter();
                PrintWriter out = new PrintWriter(new Tee(main.out(), captured), true);
                int code = Main.commandLine(e.env, out, main.err()).execute(args);
                out.flush();
                if (code != Main.OK) {
                    throw new IllegalStateException("'dtr-migrate " + args[0] + "' exited with " + code);
                }
                String[] lines = captured.toString().strip().split("\n");
                return Map.of("result", lines[lines.length - 1].strip());
            });
        }
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
