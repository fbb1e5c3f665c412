package org.dtrmigration.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.dtrmigration.bootstrapper.StorageTarget;
import org.dtrmigration.migration.CopierVerification;
import org.dtrmigration.copy.VerifyOptions;
import org.dtrmigration.migration.ReconfigureProcedure;
import org.dtrmigration.migration.StorageAccess;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "reconfigure", description = {"Switch a running DTR to storage that holds a copy of the data, keeping the tags",
        "(reconfigure --storage-migrated; cloud storage through the storage settings API with keep_metadata).",
        "Refused on DTR 2.5 and 2.6.0-2.6.3; on MSR 2.9 the new storage must be an exact copy of --source."})
final class ReconfigureCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    DtrOptions dtr;

    @Mixin
    BootstrapperOptions bootstrapper;

    @Option(names = "--storage", required = true, paramLabel = "LOCATION",
            description = "New storage: volume:NAME, /host/path, nfs://host/dir, s3://… or azure://…")
    String storage;

    @Option(names = "--storage-migrated", description = "The data was copied: keep the tags.")
    boolean storageMigrated;

    @Option(names = "--reinitialize-storage", description = "MSR 2.9: start with an empty metadata store. Every tag is LOST.")
    boolean reinitializeStorage;

    @Option(names = "--source", paramLabel = "LOCATION", description = "The current storage, readable from here (MSR 2.9: required).")
    String source;

    @Option(names = "--check-storage", paramLabel = "LOCATION",
            description = "Where this machine reads the new storage; default: --storage when readable.")
    String checkStorage;

    @Option(names = "--skip-destination-check", description = "Switch without proving the new storage holds the tags' blobs.")
    boolean skipDestinationCheck;

    @Option(names = "--tag-snapshot", defaultValue = "dtr-tags.json", paramLabel = "FILE",
            description = "Where the tag snapshot taken before the switch goes (default: ${DEFAULT-VALUE}).")
    Path tagSnapshot;

    @Option(names = "--force", description = "Switch even though GC crons are still scheduled.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        return CliNames.renamed(() -> {
            StorageTarget target = StorageTarget.parse(storage, "storage");
            EnvironmentCredentials credentials = new EnvironmentCredentials(main.env());
            StorageCredentials targetCredentials = target instanceof StorageTarget.Cloud c
                    ? credentials.resolve(c.location(), "--storage") : StorageCredentials.none();
            StorageAccess destination = checkStorage != null ? StorageArgs.access(checkStorage, "--check-storage", main.env())
                    : target.readableLocation().map(l -> new StorageAccess(l, credentials.resolve(l, "--storage"))).orElse(null);
            ReconfigureProcedure.Options options = new ReconfigureProcedure.Options(bootstrapper.image(), bootstrapper.replicaId,
                    target, targetCredentials, storageMigrated, reinitializeStorage,
                    StorageArgs.access(source, "--source", main.env()), destination, skipDestinationCheck, force, null);
            try (DtrClient client = dtr.connect(main.env(), main.events())) {
                ReconfigureProcedure.Result r = new ReconfigureProcedure(client, bootstrapper.ucp(main.env()),
                        bootstrapper.runner(main.env()), bootstrapper.docker, new StoreFactory(), new CopierVerification(VerifyOptions.defaults()),
                        main.events(), Clock.systemUTC()).run(options, tagSnapshot);
                main.out().println("reconfigured onto " + r.storage() + " with " + r.image()
                        + (r.reinitialized() ? "; metadata reinitialized, " + r.lostTags().size() + " tag(s) lost"
                        : "; tag snapshot " + tagSnapshot + " (" + r.snapshot().tagCount() + " tags). Next: tags check"));
            }
            return Main.OK;
        });
    }
}
