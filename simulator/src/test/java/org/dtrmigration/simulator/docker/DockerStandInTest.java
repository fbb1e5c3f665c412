package org.dtrmigration.simulator.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.storage.FilesystemStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerStandInTest {

    static final String PASSWORD = "ucp-SECRET-pw-1";
    static final String REPLICA = "a1b2c3d4e5f6";

    @TempDir
    Path dir;
    DtrSimulator sim;
    Map<String, String> env = new HashMap<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        sim = DtrSimulator.builder().storage(new FilesystemStore(Files.createDirectories(dir.resolve("storage"))))
                .admin("admin", "tok").cronScheduler(false).start();
        sim.bootstrapper().ucpCredentials("ucp-admin", PASSWORD);
        sim.push("team/app", "v1");
        env.put(DockerStandIn.URL_VARIABLE, sim.url().toString());
        env.put(DockerStandIn.LOG_VARIABLE, dir.resolve("argv.log").toString());
        env.put("UCP_PASSWORD", PASSWORD);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    int docker(byte[] stdin, String... args) {
        return DockerStandIn.run(List.of(args), env, new ByteArrayInputStream(stdin), new PrintStream(out, true),
                new PrintStream(err, true));
    }

    static String[] backup(String... run) {
        List<String> all = new java.util.ArrayList<>(List.of(run));
        all.addAll(List.of("docker/dtr:2.7.5", "backup", "--ucp-url", "https://ucp", "--ucp-username", "ucp-admin",
                "--ucp-insecure-tls", "--existing-replica-id", REPLICA));
        return all.toArray(String[]::new);
    }

    @Test
    void passesThePasswordThroughTheContainerEnvironmentAndRecordsArgv() throws Exception {
        assertThat(docker(new byte[0], backup("run", "-i", "--rm", "--log-driver", "none", "-e", "UCP_PASSWORD"))).isZero();
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1)).contains("dtr-backup-v2.7.5/rethink/tags.json");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("INFO[0000] Beginning");
        String log = Files.readString(dir.resolve("argv.log"));
        assertThat(log).contains("\"--existing-replica-id\"").doesNotContain(PASSWORD);
    }

    @Test
    void withoutDashEThePasswordDoesNotReachTheContainer() {
        assertThat(docker(new byte[0], backup("run", "-i", "--rm"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--ucp-password ($UCP_PASSWORD) are required");
    }

    @Test
    void refusesThePasswordAsAnArgument() {
        assertThat(docker(new byte[0], backup("run", "-i", "-e", "UCP_PASSWORD=" + PASSWORD))).isEqualTo(125);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the UCP password appears in the command line");
        err.reset();
        assertThat(docker(new byte[0], "run", "-i", "docker/dtr:2.7.5", "backup", "--ucp-password", "x")).isEqualTo(125);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing --ucp-password");
    }

    @Test
    void aTtyFailsAsWithoutATerminal() {
        assertThat(docker(new byte[0], backup("run", "-it", "--rm", "-e", "UCP_PASSWORD"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a TTY");
    }

    @Test
    void asARealExecutableOnPath() throws Exception {
        Path script = DockerStandIn.install(dir.resolve("bin"));
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "pull", "docker/dtr:2.7.5");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains("Image is up to date for docker/dtr:2.7.5");
    }
}
