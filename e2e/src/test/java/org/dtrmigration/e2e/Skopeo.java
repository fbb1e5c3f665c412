package org.dtrmigration.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** skopeo, a real registry client that needs no daemon, against plain-HTTP registries on loopback. */
final class Skopeo {

    private final Path binary = Tools.require("skopeo");

    /** Pushes the image tagged {@code tag} in an OCI layout to {@code registry/repo:tag}. */
    void push(Path ociLayout, String tag, String registry, String repo) throws IOException, InterruptedException {
        run("copy", "--dest-tls-verify=false", "oci:" + ociLayout + ":" + tag, "docker://" + registry + "/" + repo + ":" + tag);
    }

    /** The manifest digest the registry serves for a tag. */
    String digest(String registry, String repo, String tag) throws IOException, InterruptedException {
        return run("inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://" + registry + "/" + repo + ":" + tag).strip();
    }

    /** Pulls every layer of {@code repo@digest} into a directory; fails if any blob is missing or corrupt. */
    void pullByDigest(String registry, String repo, String digest, Path into) throws IOException, InterruptedException {
        run("copy", "--src-tls-verify=false", "docker://" + registry + "/" + repo + "@" + digest, "dir:" + into);
    }

    String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--insecure-policy");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("skopeo timed out: " + String.join(" ", args));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("skopeo " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + text);
        }
        return text;
    }
}
