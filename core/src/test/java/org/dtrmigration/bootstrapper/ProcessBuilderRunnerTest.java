package org.dtrmigration.bootstrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dtrmigration.secret.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessBuilderRunnerTest {

    @TempDir
    Path dir;

    Path script(String name, String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void environmentStdinStdoutAndStderrLines() throws Exception {
        script("tool", "echo \"args: $*\" >&2\necho \"secret is $SECRET_VAR\" >&2\ncat\necho \"home=$HOME_X\" >&2\nexit 3\n");
        Path in = Files.writeString(dir.resolve("in.bin"), "payload-from-stdin");
        Path out = dir.resolve("out.bin");
        List<String> lines = new CopyOnWriteArrayList<>();
        ProcessBuilderRunner runner = new ProcessBuilderRunner(Map.of("PATH", dir.resolve("bin") + ":/usr/bin:/bin", "HOME_X", "h"));
        int code = runner.run(new ProcessRequest(List.of("tool", "a", "b"), Map.of("SECRET_VAR", Secret.of("s3cr3t-value")),
                in, out, lines::add));
        assertThat(code).isEqualTo(3);
        assertThat(Files.readString(out)).isEqualTo("payload-from-stdin");
        // The secret reached the process through its environment, and its echo was scrubbed from the output.
        assertThat(lines).containsExactly("args: a b", "secret is ****", "home=h");
    }

    @Test
    void stdoutLinesGoToTheConsumerWhenNotRedirectedAndStdinIsEmpty() throws Exception {
        script("tool", "echo one\nprintf 'two'\ncat\n");
        List<String> lines = new CopyOnWriteArrayList<>();
        int code = new ProcessBuilderRunner(Map.of("PATH", dir.resolve("bin") + ":/usr/bin:/bin"))
                .run(new ProcessRequest(List.of("tool"), Map.of(), null, null, lines::add));
        assertThat(code).isZero();
        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void theProgramIsLookedUpOnTheGivenPathOnly() {
        ProcessBuilderRunner runner = new ProcessBuilderRunner(Map.of("PATH", dir.toString()));
        assertThatThrownBy(() -> runner.run(new ProcessRequest(List.of("no-such-docker"), Map.of(), null, null, l -> { })))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("no-such-docker: not found on PATH");
    }

    @Test
    void lineOutputStreamSplitsAndFlushesTheLastLine() throws IOException {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (LineOutputStream out = new LineOutputStream(lines::add)) {
            out.write("a\r\nb\n\nc".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(lines).containsExactly("a", "b", "", "c");
    }
}
