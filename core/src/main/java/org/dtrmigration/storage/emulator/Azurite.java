package org.dtrmigration.storage.emulator;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.AzureLocation;

/**
 * Azurite's blob service (the Azure Storage emulator, from npm) as a child process on 127.0.0.1 with
 * an ephemeral port, keeping its data in a directory the caller owns; stopped on {@link #close()},
 * and killed by a shutdown hook if the JVM exits first (Ctrl-C, a crashed run).
 *
 * <p>The tests' fixture and the rehearsal both start it through this class. The project installs a
 * pinned Azurite with {@value #INSTALL_COMMAND} at {@value #RELATIVE_INSTALL}.
 */
public final class Azurite implements AutoCloseable {

    /** Azurite's fixed development account and its published key (not a secret, but never printed anyway). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public static final String INSTALL_COMMAND = "bash .ci/install-test-tools";
    public static final String RELATIVE_INSTALL = ".ci/tools/node_modules/.bin/azurite-blob";

    private static final Pattern LISTENING = Pattern.compile("listens on (http://[^\\s]+)");

    private final Process process;
    private final URI serviceUrl;
    private final List<String> output = new ArrayList<>();
    private final Thread shutdownHook;

    private Azurite(Path executable, Path workspace) throws IOException, InterruptedException {
        Files.createDirectories(workspace);
        ProcessBuilder builder = new ProcessBuilder(executable.toString(),
                "--blobHost", "127.0.0.1",
                "--blobPort", "0", // the OS picks a free port; Azurite prints it
                "--location", workspace.toString(),
                "--skipApiVersionCheck", // the SDK may speak a newer service version than this Azurite knows
                "--disableTelemetry",
                "--silent")
                .redirectErrorStream(true);
        this.process = builder.start();
        this.shutdownHook = new Thread(this::kill, "azurite-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process is gone; the future below says so
            }
            listening.completeExceptionally(new IllegalStateException("Azurite exited: " + outputText()));
        }, "azurite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI base = listening.get(60, TimeUnit.SECONDS);
            this.serviceUrl = URI.create(base.toString().replaceAll("/$", "") + "/" + ACCOUNT);
        } catch (TimeoutException | ExecutionException e) {
            close();
            throw new IllegalStateException("Azurite (" + executable + ") did not start: " + outputText());
        } catch (InterruptedException e) {
            close();
            throw e;
        }
    }

    /** Starts {@code executable} (an {@code azurite-blob}) keeping its data under {@code workspace}. */
    public static Azurite start(Path executable, Path workspace) throws IOException, InterruptedException {
        return new Azurite(executable, workspace);
    }

    /** The first {@value #RELATIVE_INSTALL} in any of {@code dirs} or their parents. */
    public static Optional<Path> findInstalled(List<Path> dirs) {
        for (Path start : dirs) {
            for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(RELATIVE_INSTALL);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The blob service URL including the account, e.g. http://127.0.0.1:41234/devstoreaccount1. */
    public URI serviceUrl() {
        return serviceUrl;
    }

    public AzureLocation location(String container, String prefix) {
        return new AzureLocation(container, prefix, ACCOUNT, serviceUrl, false);
    }

    public AzureCredentials.SharedKey credentials() {
        return new AzureCredentials.SharedKey(ACCOUNT, Secret.of(ACCOUNT_KEY));
    }

    public void createContainer(String container) {
        new BlobServiceClientBuilder()
                .endpoint(serviceUrl.toString())
                .credential(new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY))
                .buildClient()
                .createBlobContainerIfNotExists(container);
    }

    private String outputText() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Stops Azurite (politely, then forcibly) and waits for it; its data directory is the caller's. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the job
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }
}
