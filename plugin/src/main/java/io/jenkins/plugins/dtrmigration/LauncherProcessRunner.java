package io.jenkins.plugins.dtrmigration;

import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dtrmigration.bootstrapper.Executables;
import org.dtrmigration.bootstrapper.LineOutputStream;
import org.dtrmigration.bootstrapper.ProcessRequest;
import org.dtrmigration.bootstrapper.ProcessRunner;
import org.dtrmigration.secret.Secret;

/**
 * Runs processes through a Jenkins {@link Launcher} on the agent. The request's secrets go into the
 * process environment ({@code ProcStarter.envs}), never its arguments; the launcher does not echo
 * the command line ({@code quiet}). stdout streams straight into its file on the agent, so a backup
 * never passes through the controller.
 */
final class LauncherProcessRunner implements ProcessRunner {

    private final Launcher launcher;
    private final Map<String, Secret> environment;

    /**
     * @param environment the build's environment (e.g. {@code DOCKER_HOST}, {@code PATH} from {@code withEnv}),
     *                    added to every process
     */
    LauncherProcessRunner(Launcher launcher, Map<String, Secret> environment) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.environment = Map.copyOf(environment);
    }

    static LauncherProcessRunner create(LauncherFactory factory, TaskListener listener, Map<String, Secret> environment) {
        return new LauncherProcessRunner(factory.create(listener), environment);
    }

    @Override
    public int run(ProcessRequest request) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(request.argv());
        String program = argv.get(0);
        Secret path = environment.get("PATH");
        argv.set(0, Executables.resolve(program, path != null ? path.reveal() : System.getenv("PATH"))
                .orElseThrow(() -> new IOException(program + ": not found on the agent's PATH; install the docker client there,"
                        + " or add its directory with withEnv(['PATH+DOCKER=/path/to/bin'])"))
                .toString());
        Map<String, String> env = new HashMap<>();
        environment.forEach((k, v) -> env.put(k, literal(v.reveal())));
        request.environment().forEach((k, v) -> env.put(k, literal(v.reveal()))); // the environment, not the arguments
        argv.replaceAll(LauncherProcessRunner::literal);
        Path stdoutFile = request.stdout();
        try (OutputStream out = stdoutFile != null ? Files.newOutputStream(stdoutFile) : new LineOutputStream(request.output());
             OutputStream err = new LineOutputStream(request.output());
             InputStream in = request.stdin() != null ? Files.newInputStream(request.stdin()) : InputStream.nullInputStream()) {
            return launcher.launch().cmds(argv).envs(env).quiet(true).stdin(in).stdout(out).stderr(err).join();
        }
    }

    /**
     * {@code Launcher.LocalLauncher} expands {@code $NAME} and {@code ${NAME}} against the environment in every
     * environment value and argument ({@code EnvVars.overrideExpandingAll}, {@code EnvVars.expand}), with {@code $$}
     * standing for one {@code $}. A password such as {@code pa$HOME} would reach docker altered, and an argument could
     * pull in another variable's value. Doubling every {@code $} makes the launcher pass the text through unchanged.
     */
    static String literal(String value) {
        return value.replace("$", "$$");
    }
}
