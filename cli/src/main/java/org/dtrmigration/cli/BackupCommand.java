package org.dtrmigration.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.dtrmigration.migration.BackupProcedure;
import org.dtrmigration.registry.DtrClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "backup", description = {"Back up DTR's metadata with the bootstrapper, check the archive, and write a sidecar",
        "FILE.json (size, sha256, version, replica, image, time) and a tag snapshot FILE.tags.json.",
        "Refused while garbage collection is on (unless --force); warns unless read-only is on."})
final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    DtrOptions dtr;

    @Mixin
    BootstrapperOptions bootstrapper;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the backup tar goes.")
    Path out;

    @Option(names = "--tag-snapshot", paramLabel = "FILE", description = "Where the tag snapshot goes (default: FILE.tags.json).")
    Path tagSnapshot;

    @Option(names = "--offline", description = "--offline-backup (DTR 2.6+): stop DTR's containers for a consistent backup.")
    boolean offline;

    @Option(names = "--force", description = "Back up even though GC crons are still scheduled.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        return CliNames.renamed(() -> {
            BackupProcedure.Options options = new BackupProcedure.Options(bootstrapper.image(), bootstrapper.replicaId, offline, force);
            Path snapshot = tagSnapshot != null ? tagSnapshot : out.resolveSibling(out.getFileName() + ".tags.json");
            try (DtrClient client = dtr.connect(main.env(), main.events())) {
                BackupProcedure.Result r = new BackupProcedure(client, bootstrapper.ucp(main.env()), bootstrapper.runner(main.env()),
                        bootstrapper.docker, main.events(), Clock.systemUTC()).run(options, out, snapshot);
                main.out().println("backup " + r.file() + " (" + r.manifest().size() + " bytes, sha256 " + r.manifest().sha256()
                        + ", " + r.manifest().image() + "), sidecar " + r.sidecar() + ", tag snapshot " + snapshot + " ("
                        + r.snapshot().tagCount() + " tags)");
            }
            return Main.OK;
        });
    }
}
