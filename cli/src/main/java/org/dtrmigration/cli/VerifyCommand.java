package org.dtrmigration.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dtrmigration.copy.CopyOptions;
import org.dtrmigration.copy.Difference;
import org.dtrmigration.copy.Tuning;
import org.dtrmigration.copy.Verifier;
import org.dtrmigration.copy.VerifyOptions;
import org.dtrmigration.copy.VerifyReport;
import org.dtrmigration.copy.VerifyRequest;
import org.dtrmigration.storage.StoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Check that --to is an exact copy of --from: same keys, sizes and contents, every link's target present.",
        "Exit 0 when it is, 1 when not (differences listed), 2 on usage errors."})
final class VerifyCommand implements Callable<Integer> {

    private static final int SHOWN = 50;

    @ParentCommand
    Main main;

    @Mixin
    StorageOptions storage;

    @Option(names = "--deep", description = "Also re-read every destination blob and check it against its digest.")
    boolean deep;

    @Option(names = "--report", paramLabel = "FILE", description = "Write every difference (not only the first " + SHOWN + ") to FILE.")
    Path report;

    @Option(names = "--include-uploads", description = "Also compare _uploads/ (skipped by default, as copy does).")
    boolean includeUploads;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + CopyOptions.DEFAULT_CONCURRENCY, description = "Reads in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Override
    public Integer call() throws Exception {
        VerifyOptions options = new VerifyOptions(deep, includeUploads, StorageOptions.concurrency(concurrency));
        VerifyRequest request = new VerifyRequest(storage.from(main.env()), storage.to(main.env()), options);
        BufferedWriter file = null;
        if (report != null) {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new IllegalArgumentException("--report: directory " + parent + " does not exist");
            }
            file = Files.newBufferedWriter(report, StandardCharsets.UTF_8);
            file.write("# dtr-migrate verify --from " + request.from().location().toUri() + " --to " + request.to().location().toUri()
                    + (deep ? " --deep" : "") + "\n");
        }
        VerifyReport result;
        try {
            BufferedWriter out = file;
            result = Verifier.run(request, new StoreFactory(), main.events(), Tuning.defaults(), out == null ? null : d -> line(out, d));
            if (file != null) {
                file.write("# " + result.summary() + "\n");
            }
        } finally {
            if (file != null) {
                file.close();
            }
        }
        main.out().println(result.summary());
        main.out().flush();
        if (result.clean()) {
            return Main.OK;
        }
        int shown = 0;
        for (Difference d : result.differences()) {
            if (shown++ == SHOWN) {
                break;
            }
            main.err().println("  " + d);
        }
        if (result.differenceCount() > SHOWN) {
            main.err().println("  … " + (result.differenceCount() - SHOWN) + " more" + (report != null ? " in " + report : " (--report FILE lists all)"));
        }
        main.err().flush();
        return Main.FAILED;
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
