package org.dtrmigration.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.dtrmigration.migration.RefusedException;
import org.dtrmigration.migration.StorageAccess;
import org.dtrmigration.migration.TagCheck;
import org.dtrmigration.migration.TagCheckReport;
import org.dtrmigration.migration.TagSnapshot;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "tags", description = "Snapshot every tag before a storage switch, and prove after it that every tag survived.",
        subcommands = {TagsCommand.Snapshot.class, TagsCommand.Check.class})
final class TagsCommand {

    @ParentCommand
    Main main;

    @Command(name = "snapshot", description = "Write every repository's tags and their digests (from the API) to FILE.")
    static final class Snapshot implements Callable<Integer> {
        @ParentCommand
        TagsCommand tags;

        @Mixin
        DtrOptions dtr;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the snapshot goes (JSON).")
        Path out;

        @Override
        public Integer call() throws Exception {
            Main main = tags.main;
            try (DtrClient client = dtr.connect(main.env(), main.events())) {
                TagSnapshot snapshot = TagSnapshot.take(client, main.events());
                snapshot.write(out);
                main.out().println("tag snapshot " + out + ": " + snapshot.repositories().size() + " repositories, "
                        + snapshot.tagCount() + " tags");
            }
            return Main.OK;
        }
    }

    @Command(name = "check", description = {"Compare the tags now with a snapshot (same digest for every tag) and check the",
            "storage holds each tag's manifests, blobs and links. Writes a report; exit 1 when anything is missing."})
    static final class Check implements Callable<Integer> {
        @ParentCommand
        TagsCommand tags;

        @Mixin
        DtrOptions dtr;

        @Option(names = "--from", required = true, paramLabel = "FILE", description = "The snapshot taken before the switch.")
        Path from;

        @Option(names = "--storage", required = true, paramLabel = "LOCATION",
                description = "The (new) storage as this machine reads it: file:///…, s3://…, azure://…")
        String storage;

        @Option(names = "--report", defaultValue = "dtr-tag-check.json", paramLabel = "FILE",
                description = "Report read by online-gc (default: ${DEFAULT-VALUE}).")
        Path report;

        @Override
        public Integer call() throws Exception {
            Main main = tags.main;
            TagSnapshot expected = TagSnapshot.read(from);
            StorageAccess access = StorageArgs.access(storage, "--storage", main.env());
            TagCheckReport result;
            try (DtrClient client = dtr.connect(main.env(), main.events());
                 ObjectStore store = access.open(new StoreFactory())) {
                TagSnapshot now = TagSnapshot.take(client, main.events());
                result = new TagCheck(store, access.location().toUri(), main.events(), Clock.systemUTC()).check(expected, now);
            }
            result.write(report);
            if (!result.passed()) {
                throw new RefusedException("tag check " + result.summary() + "; report " + report + result.problems());
            }
            main.out().println("tag check " + result.summary() + "; report " + report);
            return Main.OK;
        }
    }
}
