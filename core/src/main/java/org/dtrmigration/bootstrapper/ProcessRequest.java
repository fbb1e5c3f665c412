package org.dtrmigration.bootstrapper;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.dtrmigration.secret.Secret;

/**
 * One process to run.
 *
 * @param argv        the argument vector; the first element is the program (a name is looked up on PATH)
 * @param environment variables to add to the process's environment (secrets among them)
 * @param stdin       a file to feed to stdin, or null for an empty stdin
 * @param stdout      a file to write stdout to (streamed, never held in memory), or null to pass its lines to {@code output}
 * @param output      receives stderr lines, and stdout lines when {@code stdout} is null; already scrubbed of the
 *                    environment's secrets
 */
public record ProcessRequest(List<String> argv, Map<String, Secret> environment, Path stdin, Path stdout,
                             Consumer<String> output) {

    public ProcessRequest {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(output, "output");
        Consumer<String> raw = output;
        List<Secret> secrets = List.copyOf(environment.values());
        output = line -> raw.accept(Secret.redact(line, secrets));
    }

    public static ProcessRequest of(Invocation invocation, Path stdin, Path stdout, Consumer<String> output) {
        return new ProcessRequest(invocation.argv(), invocation.environment(), stdin, stdout, output);
    }
}
