package org.dtrmigration.cli;

import java.util.concurrent.Callable;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.simulator.Product;
import org.dtrmigration.simulator.SimulatorConfig;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.storage.StoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "simulator", description = {"Serve a DTR/MSR API simulator backed by a registry tree, until interrupted.",
        "It accepts the administrator DTR_USERNAME / DTR_TOKEN from the environment."})
final class SimulatorCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--storage", required = true, paramLabel = "LOCATION",
            description = "Registry root: file:///dir, s3://bucket/prefix?…, azure://container/prefix?…")
    String storage;

    @Option(names = "--product", defaultValue = "DTR", description = "DTR or MSR (default: ${DEFAULT-VALUE}).")
    Product product;

    @Option(names = "--version", paramLabel = "VERSION", description = "Version to report, e.g. 2.7.5 or 2.9.4.")
    String version;

    @Option(names = "--replicas", paramLabel = "ID", split = ",", description = "Replica ids (12 hex digits each).")
    String[] replicas;

    @Option(names = "--no-gc-cron", description = "Start without the weekly onlinegc cron.")
    boolean noGcCron;

    @Option(names = "--ucp-username", paramLabel = "USER",
            description = "Let the simulated bootstrapper accept this UCP user with the password in UCP_PASSWORD.")
    String ucpUsername;

    @Option(names = "--host-root", paramLabel = "DIR",
            description = "Where the simulated host keeps named Docker volumes and NFS exports.")
    java.nio.file.Path hostRoot;

    @Option(names = "--docker-stand-in", paramLabel = "DIR",
            description = "Write a 'docker' stand-in into DIR; with DIR first on PATH and DTR_SIM_URL set to the simulator's URL,"
                    + " 'docker run … docker/dtr:V backup|restore|destroy|reconfigure' is played by this simulator.")
    java.nio.file.Path dockerStandIn;

    @Override
    public Integer call() throws Exception {
        String user = main.env().get("DTR_USERNAME");
        String token = main.env().get("DTR_TOKEN");
        if (user == null || user.isBlank() || token == null || token.isBlank()) {
            throw new IllegalArgumentException("DTR_USERNAME and DTR_TOKEN: set them in the environment; the simulator"
                    + " accepts that administrator");
        }
        StorageLocation location = StorageLocation.parse(storage, "--storage");
        ObjectStore store = new StoreFactory().open(location,
                new EnvironmentCredentials(main.env()).resolve(location, "--storage"));
        SimulatorConfig.Builder b = DtrSimulator.builder().bindAddress(bind).port(port).product(product)
                .admin(user, token).storage(store);
        if (version != null) {
            b.version(version);
        }
        if (replicas != null) {
            b.replicaIds(replicas);
        }
        if (!noGcCron) {
            b.cron(CronSpec.onlineGcWeekly());
        }
        String ucpPassword = main.env().get("UCP_PASSWORD");
        if (ucpUsername != null && (ucpPassword == null || ucpPassword.isEmpty())) {
            throw new IllegalArgumentException("UCP_PASSWORD: set it in the environment for --ucp-username " + ucpUsername);
        }
        try (DtrSimulator sim = b.start()) {
            if (ucpUsername != null) {
                sim.bootstrapper().ucpCredentials(ucpUsername, ucpPassword);
            }
            if (hostRoot != null) {
                sim.bootstrapper().hostRoot(hostRoot.toAbsolutePath());
            }
            if (dockerStandIn != null) {
                main.out().println("docker stand-in: " + org.dtrmigration.simulator.docker.DockerStandIn.install(dockerStandIn)
                        + " (export DTR_SIM_URL=" + sim.url() + ")");
            }
            main.out().println(product + " " + sim.config().version() + " simulator listening on " + sim.url()
                    + " (storage " + location.toUri() + "); press Ctrl-C to stop");
            main.out().flush();
            Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
            sim.awaitTermination();
        } finally {
            store.close();
        }
        return Main.OK;
    }
}
