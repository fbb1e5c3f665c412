package org.dtrmigration.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dtrmigration.cli.RehearsalEnvironment.Backend;
import org.dtrmigration.cli.RehearsalProcedures.Procedure;
import org.dtrmigration.migration.StageLog;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.storage.emulator.Azurite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The main job: a whole migration rehearsed, on embedded defaults (simulated DTR/MSR, generated demo
 * registry, in-process storage servers) or, with {@code --url}, on real staging endpoints. Every stage
 * runs the same command a person would run (in this JVM), so the rehearsal exercises exactly what the
 * runbooks tell people to do.
 */
@Command(name = "rehearse", description = {"Rehearse a whole storage migration.",
        "By default on a generated demo registry: simulated DTR/MSR, demo registry on the local filesystem, new storage on "
                + "an in-process S3 server (--source/--target choose filesystem, s3 or azure).",
        "With --url (and --from, --to, the UCP options and " + RealEndpointOptions.CONFIRM + "): on a real staging DTR/MSR "
                + "and real storage; nothing embedded is started."})
final class RehearseCommand implements Callable<Integer> {

    /** Names an azurite-blob executable, as --azurite does. */
    static final String AZURITE_VARIABLE = "DTR_MIGRATE_AZURITE";

    private static final List<String> EMBEDDED_ONLY = List.of("--source", "--target", "--product", "--version", "--scale", "--azurite");

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--procedure", defaultValue = "best_practice",
            description = "best_practice (backup, copy, restore, online GC), read_only (read-only window, reconfigure"
                    + " --storage-migrated) or shortest_window (bulk copy live, short read-only delta). Default: ${DEFAULT-VALUE}.")
    Procedure procedure;

    @Option(names = "--source", defaultValue = "filesystem",
            description = "Where the demo registry (the old storage) is generated: filesystem, s3 (in-process S3 server) or azure "
                    + "(Azurite). Default: ${DEFAULT-VALUE}.")
    Backend source;

    @Option(names = "--target", defaultValue = "s3",
            description = "New storage: s3 (in-process S3 server), azure (Azurite) or filesystem. Default: ${DEFAULT-VALUE}.")
    Backend target;

    @Option(names = "--azurite", paramLabel = "PATH",
            description = "The azurite-blob to start for azure (default: $" + AZURITE_VARIABLE + ", else the project's "
                    + Azurite.RELATIVE_INSTALL + " installed by '" + Azurite.INSTALL_COMMAND + "', else azurite-blob on PATH).")
    Path azurite;

    @Option(names = "--product", defaultValue = "DTR", description = "DTR or MSR. Default: ${DEFAULT-VALUE}.")
    Product product;

    @Option(names = "--version", paramLabel = "VERSION", description = "DTR/MSR version to simulate (default 2.7.5 for DTR, 2.9.4 for MSR).")
    String version;

    @Option(names = "--scale", defaultValue = "1", description = "Size of the demo registry (1: 24 images, about 10 MiB of blobs).")
    int scale;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Working directory (default: a new temporary directory, removed after; kept with --url).")
    Path work;

    @Option(names = "--keep", description = "Keep the working directory.")
    boolean keep;

    @Mixin
    RealEndpointOptions real = new RealEndpointOptions();

    /** Where to look for the project's Azurite install (and above); null: the working directory and this jar's. */
    List<Path> azuriteSearchRoots;

    @Override
    public Integer call() throws Exception {
        // Everything is checked before anything starts or connects: bad input is a usage error, never a half-done run.
        RehearsalTarget realTarget = null;
        Path azuriteExecutable = null;
        if (real.given()) {
            refuse(EMBEDDED_ONLY, "only for the embedded rehearsal; with --url the rehearsal runs on the given DTR and storage");
        } else {
            refuse(RealEndpointOptions.NAMES, "only with --url (a rehearsal on real endpoints)");
            if (scale < 1 || scale > 1000) {
                throw new IllegalArgumentException("--scale: expected 1..1000, got " + scale);
            }
            if (source == Backend.azure || target == Backend.azure) {
                azuriteExecutable = findAzurite();
            }
        }
        if (real.given()) {
            real.check(main.env());
        }
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("dtr-rehearsal-") : Files.createDirectories(work.toAbsolutePath());
        if (real.given()) {
            realTarget = real.target(dir, main.env());
        }
        StageLog stages = new StageLog(main.events(), Clock.systemUTC());
        Map<String, Object> totals = new LinkedHashMap<>();
        int code = Main.FAILED;
        try {
            if (realTarget != null) {
                RehearsalTarget t = realTarget;
                stages.run("real endpoints (nothing embedded)", () -> {
                    Map<String, Object> figures = new LinkedHashMap<>();
                    figures.put("dtr", t.url());
                    figures.put("source", t.from());
                    figures.put("destination", t.to());
                    return figures;
                });
                new RehearsalProcedures(main, stages, t, new RehearsalProcedures.Observer() { }).run(procedure);
            } else {
                embedded(dir, azuriteExecutable, stages, totals);
            }
            code = Main.OK;
        } finally {
            main.out().println();
            main.out().println("Rehearsal " + (code == Main.OK ? "PASSED" : "FAILED") + ": " + procedure + " "
                    + (realTarget != null ? "on " + realTarget.url() + " onto " + realTarget.to() : "from " + source + " onto " + target));
            main.out().print(stages.report());
            totals.forEach((k, v) -> main.out().println("  " + k + ": " + v));
            if (temporary && !keep && realTarget == null) {
                deleteTree(dir);
            } else {
                main.out().println("  working directory: " + dir
                        + (realTarget != null ? " (GC schedule, backup, tag snapshot and reports: keep them)" : ""));
            }
            main.out().flush();
        }
        return code;
    }

    /** The rehearsal on the simulator: judged by the tool's guards, then by the end state as the simulator sees it. */
    private void embedded(Path dir, Path azuriteExecutable, StageLog stages, Map<String, Object> totals) throws Exception {
        RehearsalEnvironment[] holder = new RehearsalEnvironment[1];
        try {
            stages.run("prepare demo registry, simulated " + product + ", storage", () -> {
                holder[0] = new RehearsalEnvironment(dir, source, target, product, version, scale, azuriteExecutable,
                        inheritedEnvironment());
                RehearsalEnvironment e = holder[0];
                totals.put("images", e.tree.images().size());
                totals.put("blobs", e.tree.blobs().size());
                totals.put("blobBytes", e.tree.blobBytes());
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("dtr", e.sim.url() + " (" + product + " " + e.sim.config().version() + ")");
                figures.put("images", e.tree.images().size());
                figures.put("source", e.source.toUri());
                figures.put("destination", e.destination.toUri());
                return figures;
            });
            RehearsalEnvironment e = holder[0];
            long[] blobsBeforeGc = new long[1];
            new RehearsalProcedures(main, stages, e.target(), new RehearsalProcedures.Observer() {
                @Override
                public Map<String, Object> whileLive() throws Exception {
                    e.pushed.add(e.sim.push("demo/late", "1.0"));
                    e.pushed.add(e.sim.push("demo/late", "1.1"));
                    return Map.of("pushed", "demo/late:1.0, demo/late:1.1");
                }

                @Override
                public void beforeGc() throws Exception {
                    blobsBeforeGc[0] = e.countDestinationBlobs();
                }
            }).run(procedure);
            long collected = blobsBeforeGc[0] - e.countDestinationBlobs();
            totals.put("blobsBeforeGc", blobsBeforeGc[0]);
            totals.put("blobsCollected", collected);
            totals.put("danglingBlobsPlanted", e.garbage.blobs().size());
            if (collected != e.garbage.blobs().size()) {
                throw new IllegalStateException("online GC collected " + collected + " blob(s); the rehearsal planted exactly "
                        + e.garbage.blobs().size() + " dangling one(s)");
            }
            stages.run("check end state (simulator's view)", e::checkEndState);
        } finally {
            if (holder[0] != null) {
                holder[0].close();
            }
        }
    }

    private void refuse(List<String> options, String why) {
        for (String option : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + ": " + why);
            }
        }
    }

    /**
     * --azurite, else $DTR_MIGRATE_AZURITE, else the project's install above the working directory or
     * this jar, else azurite-blob on PATH; a usage error naming the install command when none is found.
     */
    private Path findAzurite() {
        String option = source == Backend.azure ? "--source azure" : "--target azure";
        if (azurite != null) {
            return executable(azurite, "--azurite");
        }
        String variable = main.env().get(AZURITE_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return executable(Path.of(variable.strip()), AZURITE_VARIABLE);
        }
        List<Path> roots = azuriteSearchRoots;
        if (roots == null) {
            roots = new ArrayList<>(List.of(Path.of("")));
            jarDirectory().ifPresent(roots::add);
        }
        Optional<Path> installed = Azurite.findInstalled(roots);
        if (installed.isPresent()) {
            return installed.get();
        }
        String path = main.env().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank() && Files.isExecutable(Path.of(entry, "azurite-blob"))) {
                return Path.of(entry, "azurite-blob");
            }
        }
        throw new IllegalArgumentException(option + ": Azurite (the Azure Storage emulator) is not installed: run '"
                + Azurite.INSTALL_COMMAND + "' in the repository root (it needs npm), or name an azurite-blob executable with "
                + "--azurite PATH or " + AZURITE_VARIABLE);
    }

    private static Path executable(Path file, String option) {
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
            throw new IllegalArgumentException(option + ": not an executable file: " + file);
        }
        return file.toAbsolutePath();
    }

    private static Optional<Path> jarDirectory() {
        try {
            return Optional.ofNullable(Path.of(RehearseCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent());
        } catch (Exception e) {
            return Optional.empty(); // no code source (unusual class loaders): the other places still count
        }
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

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
