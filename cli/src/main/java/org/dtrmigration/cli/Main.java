package org.dtrmigration.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.dtrmigration.events.EventSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code dtr-migrate}: the migration operations on a command line. Exit codes: 0 success, 1 the
 * operation failed, 2 usage error. Errors are one line on stderr; {@code --debug} adds the stack trace.
 */
@Command(name = "dtr-migrate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Storage-backend migration of DTR 2.5-2.7 / MSR 2.8-2.9.",
        subcommands = {ReadOnlyCommand.class, GcCommand.class, OnlineGcCommand.class, SimulatorCommand.class,
                BackupCommand.class, RestoreCommand.class, ReconfigureCommand.class, TagsCommand.class,
                CopyCommand.class, VerifyCommand.class, RehearseCommand.class},
        footer = {"", "Credentials come from the environment, never from flags:",
                "  DTR_USERNAME, DTR_TOKEN   a DTR/MSR administrator and an access token",
                "  UCP_PASSWORD              the UCP/MKE administrator's password (backup, restore, reconfigure)",
                "  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE   S3 (else the AWS default chain)",
                "  AZURE_STORAGE_CONNECTION_STRING | AZURE_STORAGE_ACCOUNT + AZURE_STORAGE_KEY | AZURE_STORAGE_SAS_TOKEN   Azure"})
public final class Main {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;

    public Main(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
    }

    Map<String, String> env() {
        return env;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** Progress and events go to stdout, flushed per line so long runs show progress. */
    EventSink events() {
        return new EventSink() {
            @Override
            public void info(String message) {
                out.println(message);
                out.flush();
            }

            @Override
            public void warn(String message) {
                err.println("WARNING: " + message);
                err.flush();
            }
        };
    }

    public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
        Main main = new Main(env, out, err);
        CommandLine cl = new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out);
        cl.setErr(err);
        addHelpOption(cl);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            boolean usage = ex instanceof IllegalArgumentException;
            String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println("dtr-migrate: " + (usage ? "usage error: " : "error: ") + message);
            if (main.debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return usage ? USAGE : FAILED;
        });
        return cl;
    }

    /**
     * Every subcommand answers -h/--help. Added here rather than through mixinStandardHelpOptions, whose
     * --version would clash with the simulator's and the rehearsal's --version (the DTR version).
     */
    private static void addHelpOption(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--help") == null) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOption(sub);
        }
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(System.getenv(), out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dtr-migrate " + (v == null ? "(development build)" : v)};
        }
    }
}
