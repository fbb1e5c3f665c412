package org.dtrmigration.cli;

import java.util.concurrent.Callable;
import org.dtrmigration.copy.CopyOptions;
import org.dtrmigration.copy.CopyRequest;
import org.dtrmigration.copy.CopyResult;
import org.dtrmigration.copy.Copier;
import org.dtrmigration.copy.Difference;
import org.dtrmigration.copy.Shard;
import org.dtrmigration.copy.Tuning;
import org.dtrmigration.storage.StoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "copy", mixinStandardHelpOptions = true, description = {
        "Copy a registry's storage (everything under docker/registry/v2/) to another root, byte for byte.",
        "Re-runs copy only what changed (moved tags included); a killed run resumes where it stopped.",
        "Exit 0 when every object is copied, 1 when some are not (listed), 2 on usage errors."})
final class CopyCommand implements Callable<Integer> {

    /** Problems printed on the console; all are counted. */
    private static final int SHOWN = 50;

    @ParentCommand
    Main main;

    @Mixin
    StorageOptions storage;

    @Option(names = "--delete", description = "Mirror: delete destination objects the source lacks (after both listings completed "
            + "and every copy succeeded).")
    boolean delete;

    @Option(names = "--include-uploads", description = "Also copy _uploads/ (in-progress pushes); skipped by default.")
    boolean includeUploads;

    @Option(names = "--shard", paramLabel = "I/N", description = "Copy only slice I of N (1 <= I <= N <= 256), for N parallel runs.")
    String shard;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + CopyOptions.DEFAULT_CONCURRENCY,
            description = "Small objects in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--dry-run", description = "Compare and report what would be copied and deleted; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        CopyOptions options = new CopyOptions(delete, includeUploads, Shard.parse(shard, "--shard"),
                StorageOptions.concurrency(concurrency), dryRun);
        CopyRequest request = new CopyRequest(storage.from(main.env()), storage.to(main.env()), options);
        CopyResult result = Copier.run(request, new StoreFactory(Copier.storeOptions(options)), main.events(), Tuning.defaults());
        main.out().println(result.summary());
        main.out().flush();
        if (result.complete()) {
            return Main.OK;
        }
        int shown = 0;
        for (Difference d : result.problems()) {
            if (shown++ == SHOWN) {
                break;
            }
            main.err().println("  " + d);
        }
        if (result.problemCount() > shown) {
            main.err().println("  … " + (result.problemCount() - Math.min(shown, SHOWN)) + " more");
        }
        main.err().println("dtr-migrate: copy incomplete: " + result.failedObjects() + " object(s) not copied; fix the cause and run "
                + "the same command again (it copies only what is missing)");
        main.err().flush();
        return Main.FAILED;
    }
}
