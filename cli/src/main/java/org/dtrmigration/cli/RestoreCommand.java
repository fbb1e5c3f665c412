package org.dtrmigration.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.dtrmigration.bootstrapper.StorageTarget;
import org.dtrmigration.migration.RestoreProcedure;
import org.dtrmigration.migration.StorageAccess;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.StorageCredentials;
import org.dtrmigration.storage.StoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "restore", description = {"Destroy every DTR replica and restore from a checked backup onto new storage.",
        "Before anything is destroyed: the backup must match its sidecar, the bootstrapper must be the backup's version,",
        "and the new storage must hold every blob of the backup's tags (read through --check-storage or --storage)."})
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    DtrOptions dtr;

    @Mixin
    BootstrapperOptions bootstrapper;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup written by 'backup'.")
    Path from;

    @Option(names = "--storage", required = true, paramLabel = "LOCATION",
            description = "New storage: volume:NAME, /host/path, nfs://host/dir, s3://bucket/prefix?… or azure://container/prefix?…")
    String storage;

    @Option(names = "--check-storage", paramLabel = "LOCATION",
            description = "Where this machine reads the new storage (file:///…, s3://…, azure://…); default: --storage when readable.")
    String checkStorage;

    @Option(names = "--tag-snapshot", paramLabel = "FILE", description = "The snapshot taken with the backup (default: FILE.tags.json).")
    Path tagSnapshot;

    @Option(names = "--destroy", split = ",", paramLabel = "ID",
            description = "Replicas to destroy first (default: every replica DTR lists; 'none' if DTR is already gone).")
    List<String> destroy;

    @Option(names = "--skip-destination-check", description = "Destroy DTR without proving the new storage holds the blobs.")
    boolean skipDestinationCheck;

    @Option(names = "--record", defaultValue = "dtr-restore.json", paramLabel = "FILE",
            description = "Restore record read by online-gc (default: ${DEFAULT-VALUE}).")
    Path record;

    @Override
    public Integer call() throws Exception {
        return CliNames.renamed(() -> {
            StorageTarget target = StorageTarget.parse(storage, "storage");
            EnvironmentCredentials credentials = new EnvironmentCredentials(main.env());
            StorageCredentials targetCredentials = target instanceof StorageTarget.Cloud c
                    ? credentials.resolve(c.location(), "--storage") : StorageCredentials.none();
            StorageAccess check = checkStorage != null ? StorageArgs.access(checkStorage, "--check-storage", main.env())
                    : target.readableLocation().map(l -> new StorageAccess(l, credentials.resolve(l, "--storage"))).orElse(null);
            List<String> replicas = destroy == null ? null : destroy.equals(List.of("none")) ? List.of() : destroy;
            RestoreProcedure.Options options = new RestoreProcedure.Options(bootstrapper.image(), bootstrapper.replicaId, replicas,
                    target, targetCredentials, check, skipDestinationCheck, null);
            Path snapshot = tagSnapshot != null ? tagSnapshot : from.resolveSibling(from.getFileName() + ".tags.json");
            try (DtrClient client = dtr.connect(main.env(), main.events())) {
                RestoreProcedure.Result r = new RestoreProcedure(client, bootstrapper.ucp(main.env()), bootstrapper.runner(main.env()),
                        bootstrapper.docker, new StoreFactory(), main.events(), Clock.systemUTC()).run(options, from, snapshot, record);
                main.out().println("restored replica " + r.replicaId() + " from " + from + " with " + r.image() + " onto " + r.storage()
                        + " (destroyed " + r.destroyed() + "); record " + record + ". Next: tags check, then online-gc");
            }
            return Main.OK;
        });
    }
}
