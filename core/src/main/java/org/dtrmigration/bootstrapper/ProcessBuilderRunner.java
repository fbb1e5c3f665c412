package org.dtrmigration.bootstrapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dtrmigration.secret.Secret;

/**
 * Runs processes with {@link ProcessBuilder} (the CLI's runner). The child's environment is exactly
 * the given base environment plus the request's variables, and the program is looked up on the base
 * environment's PATH. stdout streams straight to its file through the operating system.
 */
public final class ProcessBuilderRunner implements ProcessRunner {

    private final Map<String, String> baseEnvironment;

    public ProcessBuilderRunner(Map<String, String> baseEnvironment) {
        this.baseEnvironment = Map.copyOf(Objects.requireNonNull(baseEnvironment, "baseEnvironment"));
    }

    @Override
    public int run(ProcessRequest request) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(request.argv());
        String program = argv.get(0);
        argv.set(0, Executables.resolve(program, baseEnvironment.get("PATH"))
                .orElseThrow(() -> new IOException(program + ": not found on PATH; install the docker client on this machine"
                        + " or put it on PATH"))
                .toString());
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(baseEnvironment);
        for (Map.Entry<String, Secret> e : request.environment().entrySet()) {
            env.put(e.getKey(), e.getValue().reveal()); // the child's environment, never its arguments
        }
        builder.redirectInput(request.stdin() != null ? ProcessBuilder.Redirect.from(request.stdin().toFile())
                : ProcessBuilder.Redirect.PIPE);
        if (request.stdout() != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.to(request.stdout().toFile()));
        }
        Process process = builder.start();
        if (request.stdin() == null) {
            process.getOutputStream().close(); // an empty stdin, as for `docker run -i … < /dev/null`
        }
        List<Thread> pumps = new ArrayList<>();
        pumps.add(pump(process.getErrorStream(), request, "stderr"));
        if (request.stdout() == null) {
            pumps.add(pump(process.getInputStream(), request, "stdout"));
        }
        try {
            int code = process.waitFor();
            for (Thread t : pumps) {
                t.join();
            }
            return code;
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
    }

    private static Thread pump(InputStream in, ProcessRequest request, String name) {
        Thread t = new Thread(() -> {
            try (in; OutputStream lines = new LineOutputStream(request.output())) {
                in.transferTo(lines);
            } catch (IOException e) {
                request.output().accept("(" + name + " of the process could not be read: " + e.getMessage() + ")");
            }
        }, "process-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
