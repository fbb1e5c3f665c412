package org.dtrmigration.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dtrmigration.migration.GcControl;
import org.dtrmigration.migration.GcSchedule;
import org.dtrmigration.migration.GcScheduleFile;
import org.dtrmigration.registry.Cron;
import org.dtrmigration.registry.DtrClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "gc", description = "Disable garbage collection for the migration, and restore its schedule after.",
        subcommands = {GcCommand.Disable.class, GcCommand.Restore.class})
final class GcCommand {

    @ParentCommand
    Main main;

    @Command(name = "disable", description = "Save every GC cron in full to FILE, delete them, cancel running GC jobs.")
    static final class Disable implements Callable<Integer> {
        @ParentCommand
        GcCommand gc;

        @Mixin
        DtrOptions dtr;

        @Option(names = "--save", required = true, paramLabel = "FILE", description = "Where to save the GC schedule (JSON).")
        Path save;

        @Override
        public Integer call() throws Exception {
            Main main = gc.main;
            try (DtrClient client = dtr.connect(main.env(), main.events())) {
                // Saved before the first deletion, so an interrupted run leaves the file.
                GcSchedule schedule = new GcControl(client, main.events())
                        .disable(toRemove -> GcScheduleFile.save(save, toRemove, main.events()));
                GcSchedule kept = GcScheduleFile.save(save, schedule, main.events());
                main.out().println("GC disabled: removed " + schedule.actions() + ", canceled jobs " + schedule.canceledJobs()
                        + "; schedule to restore " + kept.actions() + " saved in " + save);
            }
            return Main.OK;
        }
    }

    @Command(name = "restore", description = "Re-create exactly the GC crons saved by 'gc disable'.")
    static final class Restore implements Callable<Integer> {
        @ParentCommand
        GcCommand gc;

        @Mixin
        DtrOptions dtr;

        @Option(names = "--from", required = true, paramLabel = "FILE", description = "The file written by 'gc disable --save'.")
        Path from;

        @Override
        public Integer call() throws Exception {
            Main main = gc.main;
            GcSchedule saved = GcScheduleFile.read(from);
            try (DtrClient client = dtr.connect(main.env(), main.events())) {
                List<Cron> restored = new GcControl(client, main.events()).restore(saved);
                main.out().println("GC schedule restored: " + restored.stream().map(c -> c.action() + " (" + c.schedule() + ")").toList());
            }
            return Main.OK;
        }
    }
}
