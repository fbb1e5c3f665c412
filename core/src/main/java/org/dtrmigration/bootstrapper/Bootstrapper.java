package org.dtrmigration.bootstrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders bootstrapper commands to {@code docker run …} invocations. Pure: nothing runs here.
 *
 * <pre>
 * docker run -i --rm [--log-driver none] -e UCP_PASSWORD IMAGE COMMAND
 *     --ucp-url URL --ucp-username USER (--ucp-ca PEM | --ucp-insecure-tls) COMMAND-FLAGS…
 * </pre>
 * {@code -e UCP_PASSWORD} without a value makes docker copy the variable from its own environment
 * into the container, so the password is in no argument list; the invocation carries it as an
 * environment variable for the docker client. No {@code -t}: there is no terminal, and a TTY would
 * mix stderr into the backup on stdout.
 */
public final class Bootstrapper {

    public static final String PASSWORD_VARIABLE = "UCP_PASSWORD";

    private final BootstrapperImage image;
    private final UcpConnection ucp;
    private final String docker;

    /**
     * @param docker the docker client to run: a name looked up on PATH or a full path
     */
    public Bootstrapper(BootstrapperImage image, UcpConnection ucp, String docker) {
        this.image = Objects.requireNonNull(image, "image");
        this.ucp = Objects.requireNonNull(ucp, "ucp");
        this.docker = Objects.requireNonNull(docker, "docker");
    }

    public BootstrapperImage image() {
        return image;
    }

    public VersionLine line() {
        return image.line();
    }

    /** Renders a command; flags the image's version lacks are refused here, before anything runs. */
    public Invocation render(BootstrapperCommand command) {
        List<String> commandArgs = command.arguments(line());
        List<String> argv = new ArrayList<>(List.of(docker, "run", "-i", "--rm"));
        if (command.writesStdout()) {
            // The documented backup form: no log driver copy of the (secret-bearing) archive.
            argv.addAll(List.of("--log-driver", "none"));
        }
        argv.addAll(List.of("-e", PASSWORD_VARIABLE, image.reference(), command.name(),
                "--ucp-url", ucp.url(), "--ucp-username", ucp.username()));
        if (ucp.insecureTls()) {
            argv.add("--ucp-insecure-tls");
        } else {
            argv.addAll(List.of("--ucp-ca", ucp.caPem()));
        }
        argv.addAll(commandArgs);
        return new Invocation(argv, Map.of(PASSWORD_VARIABLE, ucp.password()), command.readsStdin(), command.writesStdout());
    }

    /** {@code docker pull IMAGE}: proves the image can be run before anything is destroyed. */
    public Invocation pull() {
        return new Invocation(List.of(docker, "pull", image.reference()), Map.of(), false, false);
    }
}
