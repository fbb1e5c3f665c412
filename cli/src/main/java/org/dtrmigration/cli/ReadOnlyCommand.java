package org.dtrmigration.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.dtrmigration.registry.DtrClient;
import org.dtrmigration.registry.ReadOnlySwitch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "read-only", description = "Turn DTR's read-only mode on or off and wait until every replica agrees.")
final class ReadOnlyCommand implements Callable<Integer> {

    enum State { on, off }

    @ParentCommand
    Main main;

    @Mixin
    DtrOptions dtr;

    @Parameters(index = "0", paramLabel = "on|off", description = "on or off")
    State state;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to wait for all replicas (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        try (DtrClient client = dtr.connect(main.env(), main.events())) {
            ReadOnlySwitch.Result r = new ReadOnlySwitch(client).set(state == State.on, timeout);
            main.out().println("read-only " + state + " (" + (r.changed() ? "changed" : "unchanged") + "), replicas: " + r.replicas());
        }
        return Main.OK;
    }
}
