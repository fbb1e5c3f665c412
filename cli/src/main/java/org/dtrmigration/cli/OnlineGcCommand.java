package org.dtrmigration.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dtrmigration.migration.OnlineGc;
import org.dtrmigration.migration.PostRestoreGcGuard;
import org.dtrmigration.migration.RestoreRecord;
import org.dtrmigration.migration.TagCheckReport;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.JobWatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "online-gc", description = "Run an online garbage-collection job, stream its log, and wait for it to be done.")
final class OnlineGcCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    DtrOptions dtr;

    @Option(names = "--action", defaultValue = "onlinegc_blobs",
            description = "Job action: onlinegc_blobs (default), onlinegc, onlinegc_metadata or gc.")
    String action;

    @Option(names = "--timeout", defaultValue = "2h", converter = DurationConverter.class,
            description = "How long to wait for the job (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--restore-record", defaultValue = RestoreRecord.DEFAULT_FILE, paramLabel = "FILE",
            description = "Written by 'restore'; while it names this DTR, onlinegc_blobs needs a passing --tag-check"
                    + " (default: ${DEFAULT-VALUE}).")
    Path restoreRecord;

    @Option(names = "--tag-check", defaultValue = "dtr-tag-check.json", paramLabel = "FILE",
            description = "Report written by 'tags check' (default: ${DEFAULT-VALUE}).")
    Path tagCheck;

    @Override
    public Integer call() throws Exception {
        try {
            OnlineGc.checkAction(action);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
        try (DtrClient client = dtr.connect(main.env(), main.events())) {
            // After a restore, onlinegc_blobs deletes what the restored metadata does not reference: only with a passing tag check.
            PostRestoreGcGuard.check(action, client.endpoint().url().toString(), RestoreRecord.readIfPresent(restoreRecord),
                    Files.exists(tagCheck) ? Optional.of(TagCheckReport.read(tagCheck)) : Optional.empty(), tagCheck.toString());
            JobWatcher.Outcome o = new OnlineGc(client, main.events()).run(action, timeout);
            main.out().println(action + " job " + o.job().id() + " done in " + o.elapsed().toSeconds() + " s"
                    + (o.chain().size() > 1 ? " (after retries " + o.chain() + ")" : ""));
        }
        return Main.OK;
    }
}
