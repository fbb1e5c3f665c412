package org.dtrmigration.testing;

import com.azure.storage.blob.BlobServiceClient;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.AzureLocation;
import org.junit.jupiter.api.Assumptions;

/**
 * Azurite's blob service (the Azure Storage emulator, from npm) as a child process on 127.0.0.1 with
 * an ephemeral port and a temporary workspace; killed on close.
 *
 * <p>It is found in the project-local install that {@value #INSTALL_COMMAND} makes
 * ({@code .ci/tools/node_modules/.bin/azurite-blob}), looked up from the working directory upwards.
 * When it is missing, {@link #startOrSkip()} fails under CI (env CI=true), where it must be
 * installed, and otherwise skips the test with the command to run.
 */
public final class AzuriteServer implements AutoCloseable {

    /** Azurite's fixed development account and its published key (not a secret). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public static final String INSTALL_COMMAND = "bash .ci/install-test-tools";

    private static final Path RELATIVE_EXECUTABLE = Path.of(".ci", "tools", "node_modules", ".bin", "azurite-blob");
    private static final Pattern LISTENING = Pattern.compile("listens on (http://[^\\s]+)");

    private final Process process;
    private final Path workspace;
    private final URI serviceUrl;
    private final List<String> output;
    /** Kills Azurite if the JVM exits without close() (a crashed or interrupted test run). */
    private final Thread shutdownHook;

    private AzuriteServer(Path executable) throws IOException, InterruptedException {
        this.workspace = Files.createTempDirectory("azurite-");
        ProcessBuilder builder = new ProcessBuilder(executable.toString(),
                "--blobHost", "127.0.0.1",
                "--blobPort", "0", // the OS picks a free port; Azurite prints it
                "--location", workspace.toString(),
                "--skipApiVersionCheck", // the SDK may speak a newer service version than this Azurite knows
                "--disableTelemetry",
                "--silent")
                .redirectErrorStream(true);
        this.process = builder.start();
        this.shutdownHook = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, "azurite-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.output = new ArrayList<>();
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
                // process gone
            }
            listening.completeExceptionally(new IllegalStateException("Azurite exited: " + outputText()));
        }, "azurite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI base = listening.get(60, TimeUnit.SECONDS);
            this.serviceUrl = URI.create(base.toString().replaceAll("/$", "") + "/" + ACCOUNT);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            destroy();
            throw new IllegalStateException("Azurite did not start: " + outputText(), e);
        }
    }

    /** The installed azurite-blob, if any, searched from the working directory up to the file-system root. */
    public static Optional<Path> findExecutable() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_EXECUTABLE);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Azurite, or (when not installed) fails under CI and skips elsewhere, naming the install command.
     */
    public static AzuriteServer startOrSkip() throws IOException, InterruptedException {
        Optional<Path> executable = findExecutable();
        if (executable.isEmpty()) {
            String message = "Azurite is not installed (no " + RELATIVE_EXECUTABLE + " above " + Path.of("").toAbsolutePath()
                    + "): run '" + INSTALL_COMMAND + "' in the repository root";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        return new AzuriteServer(executable.get());
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

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY + ";BlobEndpoint=" + serviceUrl + ";";
    }

    /** An SDK client with the account key, for test setup (containers, SAS tokens). */
    public BlobServiceClient serviceClient() {
        return new BlobServiceClientBuilder()
                .endpoint(serviceUrl.toString())
                .credential(new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY))
                .buildClient();
    }

    public void createContainer(String container) {
        serviceClient().createBlobContainerIfNotExists(container);
    }

    private String outputText() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private void destroy() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the job
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        destroy();
        TempDirs.deleteRecursively(workspace);
    }
}
