package org.dtrmigration.simulator.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code docker} command for tests and rehearsals: put the script {@link #install} writes first on
 * PATH, and {@code docker run … IMAGE backup|restore|destroy|reconfigure …} and {@code docker pull IMAGE}
 * are played by a {@link org.dtrmigration.simulator.DtrSimulator}'s bootstrapper emulator.
 *
 * <p>Environment: {@code DTR_SIM_URL} the simulator's base URL (required); {@code DTR_SIM_DOCKER_LOG}
 * a file to which every command line is appended as a JSON array (optional), so a test can prove no
 * secret was an argument. Like a careful bootstrapper wrapper it refuses to run when the value of
 * {@code UCP_PASSWORD} appears in its arguments, or when {@code --ucp-password} is given as one.
 *
 * <p>{@code docker run} options understood: {@code -i}, {@code --rm}, {@code --log-driver X},
 * {@code -e|--env NAME[=VALUE]}, {@code --name X}; {@code -t} fails as docker does without a
 * terminal ("the input device is not a TTY"). Without {@code -i} the container gets no stdin.
 */
public final class DockerStandIn {

    public static final String URL_VARIABLE = "DTR_SIM_URL";
    public static final String LOG_VARIABLE = "DTR_SIM_DOCKER_LOG";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerStandIn() {
    }

    /**
     * Writes an executable {@code docker} script into {@code dir} that runs this class with the given
     * Java and class path (by default the current JVM's), and returns it.
     */
    public static Path install(Path dir) throws IOException {
        return install(dir, Path.of(System.getProperty("java.home"), "bin", "java").toString(), minimalClassPath());
    }

    /** Only what the stand-in loads (this class and Jackson), so that each docker command starts quickly. */
    static String minimalClassPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(DockerStandIn.class, ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class)) {
            try {
                String entry = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!entries.contains(entry)) {
                    entries.add(entry);
                }
            } catch (java.net.URISyntaxException | NullPointerException e) {
                return System.getProperty("java.class.path");
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    public static Path install(Path dir, String java, String classPath) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("docker");
        Files.writeString(script, "#!/bin/sh\n"
                + "# docker stand-in: plays the DTR/MSR bootstrapper against a simulator (DTR_SIM_URL)\n"
                + "exec " + quote(java) + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp " + quote(classPath)
                + " " + DockerStandIn.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.in, System.out, System.err));
    }

    /** The stand-in's logic, callable without a process. Returns the exit code. */
    static int run(List<String> args, Map<String, String> env, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        try {
            record(args, env.get(LOG_VARIABLE));
            String password = env.get("UCP_PASSWORD");
            for (String a : args) {
                if (a.startsWith("--ucp-password")) {
                    stderr.println("docker stand-in: refusing --ucp-password on the command line; pass UCP_PASSWORD"
                            + " through the environment (-e UCP_PASSWORD)");
                    return 125;
                }
                if (password != null && !password.isEmpty() && a.contains(password)) {
                    stderr.println("docker stand-in: refusing to run: the UCP password appears in the command line");
                    return 125;
                }
            }
            String url = env.get(URL_VARIABLE);
            if (url == null || url.isBlank()) {
                stderr.println("docker stand-in: " + URL_VARIABLE + " is not set (the simulator's URL)");
                return 125;
            }
            if (args.isEmpty()) {
                stderr.println("Usage: docker [OPTIONS] COMMAND");
                return 125;
            }
            if (args.get(0).equals("pull") && args.size() == 2) {
                return call(url, args.get(1), "pull", List.of(), Map.of(), new byte[0], stdout, stderr);
            }
            if (!args.get(0).equals("run")) {
                stderr.println("docker stand-in: only 'run' and 'pull IMAGE' are simulated, not '" + args.get(0) + "'");
                return 125;
            }
            boolean interactive = false;
            Map<String, String> containerEnv = new LinkedHashMap<>();
            int i = 1;
            for (; i < args.size() && args.get(i).startsWith("-"); i++) {
                String a = args.get(i);
                switch (a) {
                    case "-i", "--interactive" -> interactive = true;
                    case "--rm" -> {
                    }
                    case "-t", "--tty", "-it", "-ti" -> {
                        stderr.println("the input device is not a TTY");
                        return 1;
                    }
                    case "--log-driver", "--name" -> i++;
                    case "-e", "--env" -> {
                        if (++i >= args.size()) {
                            stderr.println("flag needs an argument: " + a);
                            return 125;
                        }
                        env(args.get(i), env, containerEnv);
                    }
                    default -> {
                        if (a.startsWith("--env=") || a.startsWith("--log-driver=") || a.startsWith("--name=")) {
                            if (a.startsWith("--env=")) {
                                env(a.substring(6), env, containerEnv);
                            }
                        } else {
                            stderr.println("unknown flag: " + a);
                            return 125;
                        }
                    }
                }
            }
            if (i + 1 >= args.size()) {
                stderr.println("docker stand-in: expected IMAGE COMMAND after the run options");
                return 125;
            }
            String image = args.get(i);
            String command = args.get(i + 1);
            List<String> commandArgs = new ArrayList<>(args.subList(i + 2, args.size()));
            byte[] input = interactive && command.equals("restore") ? stdin.readAllBytes() : new byte[0];
            return call(url, image, command, commandArgs, containerEnv, input, stdout, stderr);
        } catch (IOException e) {
            stderr.println("docker stand-in: " + e.getMessage());
            return 125;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void env(String spec, Map<String, String> own, Map<String, String> container) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            String value = own.get(spec);
            if (value != null) {
                container.put(spec, value); // docker copies the variable from its own environment
            }
        } else {
            container.put(spec.substring(0, eq), spec.substring(eq + 1));
        }
    }

    private static void record(List<String> args, String logFile) throws IOException {
        if (logFile == null || logFile.isBlank()) {
            return;
        }
        ArrayNode line = JSON.createArrayNode();
        line.add("docker");
        args.forEach(line::add);
        Files.writeString(Path.of(logFile), JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static int call(String url, String image, String command, List<String> args, Map<String, String> env, byte[] stdin,
                            PrintStream stdout, PrintStream stderr) throws IOException, InterruptedException {
        ObjectNode head = JSON.createObjectNode().put("image", image).put("command", command);
        ArrayNode a = head.putArray("args");
        args.forEach(a::add);
        ObjectNode e = head.putObject("env");
        env.forEach(e::put);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(JSON.writeValueAsBytes(head));
        body.write('\n');
        body.write(stdin);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/_sim/bootstrapper"))
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] answer = response.body();
        int newline = 0;
        while (newline < answer.length && answer[newline] != '\n') {
            newline++;
        }
        if (response.statusCode() != 200 || newline == answer.length) {
            stderr.println("docker stand-in: the simulator answered " + response.statusCode());
            return 125;
        }
        JsonNode result = JSON.readTree(Arrays.copyOf(answer, newline));
        stderr.print(result.path("stderr").asText(""));
        stderr.flush();
        stdout.write(answer, newline + 1, answer.length - newline - 1);
        stdout.flush();
        return result.path("exitCode").asInt(1);
    }
}
