package org.dtrmigration.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.layout.RegistryTreeWriter;
import org.dtrmigration.layout.TreeGenerator;
import org.dtrmigration.storage.FilesystemStore;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StoreFactory;
import org.dtrmigration.s3embedded.LoopbackCertificate;
import org.dtrmigration.testing.S3ProxyServer;
import org.dtrmigration.testing.TempDirs;

/**
 * Copies one generated registry tree from the local filesystem to S3Proxy on loopback with this copier and with
 * rclone, side by side in one run, and prints the ratios:
 *
 * <ol>
 *   <li>full copy: the copier vs {@code rclone copy --transfers 16 --checkers 16};</li>
 *   <li>a tag moved in the source (same 71-byte size), then an unchanged re-run: the copier vs
 *       {@code rclone copy --checksum …}; both must copy the moved tag;</li>
 *   <li>the copier's peak heap (run with -Xmx512m).</li>
 * </ol>
 *
 * Arguments: {@code [--scale S] [--work DIR] [--rclone PATH] [--concurrency N] [--repeat N]} (rounds per
 * measurement, best time counts; default 2). Credentials for both tools go
 * through environment variables only.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        double scale = 1.0;
        Path work = null;
        String rclone = "rclone";
        String concurrency = String.valueOf(org.dtrmigration.copy.CopyOptions.DEFAULT_CONCURRENCY);
        int repeat = 2;
        boolean tls = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--rclone" -> rclone = args[++i];
                case "--concurrency" -> concurrency = args[++i];
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--tls" -> tls = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--scale S] [--work DIR] [--rclone PATH] [--concurrency N] [--repeat N] [--tls]");
            }
        }
        if (work == null) {
            work = Files.createTempDirectory("dtr-migrate-bench-");
        }
        Files.createDirectories(work);
        Path sourceDir = work.resolve("source-" + scale);
        System.out.printf(Locale.ROOT, "# dtr-migrate copy benchmark, scale %.2f, %d cores, load %s, %s%n", scale,
                Runtime.getRuntime().availableProcessors(), loadAverage(), tls ? "https" : "plain http");

        FilesystemStore source = new FilesystemStore(Files.createDirectories(sourceDir));
        Path marker = sourceDir.resolve(".generated");
        if (!Files.exists(marker)) {
            long t0 = System.nanoTime();
            long[] blobs = BenchTree.generate(source, scale);
            Files.writeString(marker, blobs[0] + " " + blobs[1]);
            System.out.printf(Locale.ROOT, "generated the tree in %.1f s%n", seconds(t0));
        }
        long objects;
        long bytes = 0;
        var all = source.list(RegistryLayout.ROOT).toList();
        objects = all.size();
        for (var info : all) {
            bytes += info.size();
        }
        System.out.printf(Locale.ROOT, "tree: %,d objects, %.2f GiB (%s)%n", objects, bytes / (double) (1L << 30), sourceDir);

        // Over https (as production S3 endpoints are) both tools verify the server's certificate: this JVM and the
        // copier's through a trust store, rclone through --ca-cert.
        LoopbackCertificate certificate = tls ? LoopbackCertificate.create(work.resolve("tls")) : null;
        List<String> trust = List.of();
        List<String> rcloneTrust = List.of();
        if (certificate != null) {
            System.setProperty("javax.net.ssl.trustStore", certificate.trustStore().toString());
            System.setProperty("javax.net.ssl.trustStorePassword", certificate.password());
            trust = List.of("-Djavax.net.ssl.trustStore=" + certificate.trustStore(), "-Djavax.net.ssl.trustStorePassword=" + certificate.password());
            rcloneTrust = List.of("--ca-cert", certificate.pem().toString());
        }
        try (S3ProxyServer s3 = certificate != null ? S3ProxyServer.startTls(certificate) : S3ProxyServer.start()) {
            // A run stopped with Ctrl-C or kill would leave its copies (four of the tree) behind in S3Proxy's directory.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirs.deleteRecursively(s3.baseDir())));
            s3.createBucket("copier");
            s3.createBucket("rclone");
            String from = source.root().toUri().toString();
            Map<String, String> awsEnv = Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
            Map<String, String> rcloneEnv = Map.of(
                    "RCLONE_CONFIG", work.resolve("no-rclone.conf").toString(),
                    "RCLONE_CONFIG_BENCH_TYPE", "s3",
                    "RCLONE_CONFIG_BENCH_PROVIDER", "Other",
                    "RCLONE_CONFIG_BENCH_ENV_AUTH", "false",
                    "RCLONE_CONFIG_BENCH_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                    "RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
                    "RCLONE_CONFIG_BENCH_ENDPOINT", s3.endpoint().toString(),
                    "RCLONE_CONFIG_BENCH_REGION", "us-east-1");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> copier = new ArrayList<>(List.of(java, "-Xmx512m"));
            copier.addAll(trust);
            copier.addAll(List.of("-cp", System.getProperty("java.class.path"), CopyProbe.class.getName()));
            // Rounds alternate the tools, each into a fresh prefix, and the best time of each counts: the machine is
            // shared, and a load spike during one tool's turn should not decide the ratio.
            List<Run> copierFull = new ArrayList<>();
            List<Run> rcloneFull = new ArrayList<>();
            // The tool that goes first also warms up S3Proxy's JIT, so the order alternates too.
            for (int round = 1; round <= repeat; round++) {
                if (round % 2 == 1) {
                    copierFull.add(run(work, "copier-full-" + round, concat(copier, "copy", from, copierTo(s3, round), concurrency), awsEnv));
                    rcloneFull.add(run(work, "rclone-full-" + round, rcloneCopy(rclone, sourceDir, round, rcloneTrust), rcloneEnv));
                } else {
                    rcloneFull.add(run(work, "rclone-full-" + round, rcloneCopy(rclone, sourceDir, round, rcloneTrust), rcloneEnv));
                    copierFull.add(run(work, "copier-full-" + round, concat(copier, "copy", from, copierTo(s3, round), concurrency), awsEnv));
                }
            }

            List<Run> copierAgain = new ArrayList<>();
            List<Run> rcloneAgain = new ArrayList<>();
            String repo = TreeGenerator.repositoryName(0);
            String tagKey = RegistryLayout.tagCurrentLink(repo, TreeGenerator.tagName(0));
            boolean copierMoved = true;
            boolean rcloneMoved = true;
            for (int round = 1; round <= repeat; round++) {
                Digest target = moveTag(source, repo);
                copierAgain.add(run(work, "copier-rerun-" + round, concat(copier, "copy", from, copierTo(s3, repeat), concurrency), awsEnv));
                rcloneAgain.add(run(work, "rclone-rerun-" + round, concat(rcloneCopy(rclone, sourceDir, repeat, rcloneTrust), "--checksum"), rcloneEnv));
                copierMoved &= linkIn(s3, "copier", "registry-" + repeat, tagKey).equals(target.toString());
                rcloneMoved &= linkIn(s3, "rclone", "registry-" + repeat, tagKey).equals(target.toString());
            }
            Run verify = run(work, "copier-verify", concat(copier, "verify", from, copierTo(s3, repeat)), awsEnv);

            // The same re-run inside a JVM that already did the bulk copy, as dtrCopyStorage's delta copy runs on a
            // Jenkins agent after its bulk copy: no JVM start, classes loaded, code compiled.
            List<Double> warmAgain = new ArrayList<>();
            boolean warmMoved = true;
            for (int round = 1; round <= repeat; round++) {
                String to = s3.uri("copier", "agent-" + round);
                Process agent = start(work, "copier-agent-" + round, concat(copier, "agent", from, to, concurrency), awsEnv);
                Path log = work.resolve("copier-agent-" + round + ".log");
                while (agent.isAlive() && !Files.readString(log, StandardCharsets.UTF_8).contains("BULK_DONE")) {
                    Thread.sleep(100);
                }
                Digest target = moveTag(source, repo);
                agent.getOutputStream().write('\n');
                agent.getOutputStream().flush();
                boolean exited = agent.waitFor(1, TimeUnit.HOURS);
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (!exited || agent.exitValue() != 0 || !output.contains("RERUN_SECONDS=")) {
                    System.out.println("FAILED: the agent-JVM run " + round + " did not finish cleanly; see " + log);
                    System.exit(1);
                }
                double s = Double.parseDouble(output.substring(output.indexOf("RERUN_SECONDS=") + 14).lines().findFirst().orElseThrow());
                System.out.printf(Locale.ROOT, "%-14s %7.2f s  (re-run in the bulk copy's JVM)%n", "copier-warm-" + round, s);
                warmAgain.add(s);
                warmMoved &= linkIn(s3, "copier", "agent-" + round, tagKey).equals(target.toString());
            }
            double warm = warmAgain.stream().min(Double::compare).orElseThrow();

            Run cf = best(copierFull);
            Run rf = best(rcloneFull);
            Run ca = best(copierAgain);
            Run ra = best(rcloneAgain);
            System.out.println();
            System.out.printf(Locale.ROOT, "best of %d, scale %.2f: %,d objects, %.2f GiB%n", repeat, scale, objects, bytes / (double) (1L << 30));
            System.out.printf(Locale.ROOT, "| step | copier | rclone | ratio (rclone / copier) |%n|---|---|---|---|%n");
            System.out.printf(Locale.ROOT, "| full copy fs -> S3 | %.1f s | %.1f s | %.2f |%n", cf.seconds, rf.seconds, rf.seconds / cf.seconds);
            System.out.printf(Locale.ROOT, "| unchanged re-run, 1 tag moved | %.2f s | %.2f s (--checksum) | %.1f |%n", ca.seconds, ra.seconds,
                    ra.seconds / ca.seconds);
            System.out.printf(Locale.ROOT, "| unchanged re-run in the bulk copy's JVM (as on a Jenkins agent), 1 tag moved | %.2f s | %.2f s (--checksum) | %.1f |%n",
                    warm, ra.seconds, ra.seconds / warm);
            System.out.printf(Locale.ROOT, "| moved tag copied (every round) | %s | %s | |%n", copierMoved && warmMoved ? "yes" : "NO", rcloneMoved ? "yes" : "NO");
            System.out.printf(Locale.ROOT, "| copier verify (after the re-runs) | %.2f s, %s | | |%n", verify.seconds, verify.ok ? "clean" : "NOT CLEAN");
            System.out.printf(Locale.ROOT, "| copier peak heap (-Xmx512m) | full copy %s MiB, re-run %s MiB | | |%n", maxPeakHeapMiB(copierFull),
                    maxPeakHeapMiB(copierAgain));
            System.out.printf(Locale.ROOT, "%nall rounds (s): copier full %s, rclone full %s, copier re-run %s, rclone re-run %s; logs in %s%n",
                    times(copierFull), times(rcloneFull), times(copierAgain), times(rcloneAgain), work);
            boolean ok = verify.ok && copierMoved && warmMoved && rcloneMoved;
            for (List<Run> runs : List.of(copierFull, rcloneFull, copierAgain, rcloneAgain)) {
                ok &= runs.stream().allMatch(Run::ok);
            }
            if (!ok) {
                System.out.println("FAILED: a run exited non-zero, a moved tag was not copied, or the copy does not verify");
                System.exit(1);
            }
        }
    }

    private static String copierTo(S3ProxyServer s3, int round) {
        return s3.uri("copier", "registry-" + round);
    }

    private static List<String> rcloneCopy(String rclone, Path sourceDir, int round, List<String> trust) {
        List<String> command = new ArrayList<>(List.of(rclone, "copy", sourceDir.toString(), "bench:rclone/registry-" + round,
                "--transfers", "16", "--checkers", "16", "--exclude", "/.generated"));
        command.addAll(trust);
        return command;
    }

    /** Points the first tag of the first repository at another manifest of the repository (same 71 bytes, new content). */
    private static Digest moveTag(FilesystemStore source, String repo) throws IOException {
        Digest now = RegistryLayout.parseLink(source.readAllBytes(RegistryLayout.tagCurrentLink(repo, TreeGenerator.tagName(0))));
        Digest target = RegistryLayout.parseLink(source.readAllBytes(RegistryLayout.tagCurrentLink(repo, TreeGenerator.tagName(1))));
        if (target.equals(now)) {
            target = RegistryLayout.parseLink(source.readAllBytes(RegistryLayout.tagCurrentLink(repo, TreeGenerator.tagName(2))));
        }
        new RegistryTreeWriter(source).tag(repo, TreeGenerator.tagName(0), target);
        return target;
    }

    private static Run best(List<Run> runs) {
        return runs.stream().min(java.util.Comparator.comparingDouble(Run::seconds)).orElseThrow();
    }

    private static String times(List<Run> runs) {
        return String.join("/", runs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.seconds())).toList());
    }

    private static String maxPeakHeapMiB(List<Run> runs) {
        return runs.stream().map(Run::peakHeapMiB).filter(v -> !v.equals("?")).map(Long::parseLong).max(Long::compare)
                .map(String::valueOf).orElse("?");
    }

    private record Run(double seconds, int exit, boolean ok, String output) {
        String peakHeapMiB() {
            for (String line : output.split("\n")) {
                if (line.startsWith("PEAK_HEAP_BYTES=")) {
                    return String.valueOf(Long.parseLong(line.substring("PEAK_HEAP_BYTES=".length()).strip()) / (1024 * 1024));
                }
            }
            return "?";
        }
    }

    private static Process start(Path work, String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        // A CA bundle in the environment makes rclone refuse its own HTTP transport; with --tls it gets --ca-cert instead.
        builder.environment().remove("AWS_CA_BUNDLE");
        builder.environment().putAll(env);
        return builder.start();
    }

    private static Run run(Path work, String name, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path log = work.resolve(name + ".log");
        long t0 = System.nanoTime();
        Process p = start(work, name, command, env);
        if (!p.waitFor(2, TimeUnit.HOURS)) {
            p.destroyForcibly();
        }
        double s = seconds(t0);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%-14s %7.2f s  exit %d%n", name, s, p.exitValue());
        return new Run(s, p.exitValue(), p.exitValue() == 0, output);
    }

    private static String linkIn(S3ProxyServer s3, String bucket, String prefix, String key) throws IOException {
        try (ObjectStore store = new StoreFactory().open(s3.location(bucket, prefix), s3.credentials())) {
            return new String(store.readAllBytes(key), StandardCharsets.US_ASCII);
        }
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
