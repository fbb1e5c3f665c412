package org.dtrmigration.testing;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dtrmigration.storage.AzureCredentials;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.emulator.Azurite;
import org.junit.jupiter.api.Assumptions;

/**
 * Azurite for tests: {@link Azurite} (the main code's launcher, which the rehearsal uses too) in a
 * temporary workspace removed on close, found in the project-local install that
 * {@value #INSTALL_COMMAND} makes, looked up from the working directory upwards. When it is missing,
 * {@link #startOrSkip()} fails under CI (env CI=true), where it must be installed, and otherwise
 * skips the test with the command to run.
 */
public final class AzuriteServer implements AutoCloseable {

    public static final String ACCOUNT = Azurite.ACCOUNT;
    public static final String ACCOUNT_KEY = Azurite.ACCOUNT_KEY;
    public static final String INSTALL_COMMAND = Azurite.INSTALL_COMMAND;

    private final Azurite azurite;
    private final Path workspace;

    private AzuriteServer(Path executable) throws IOException, InterruptedException {
        this.workspace = Files.createTempDirectory("azurite-");
        try {
            this.azurite = Azurite.start(executable, workspace);
        } catch (IOException | InterruptedException | RuntimeException e) {
            TempDirs.deleteRecursively(workspace);
            throw e;
        }
    }

    /** The installed azurite-blob, if any, searched from the working directory up to the file-system root. */
    public static Optional<Path> findExecutable() {
        return Azurite.findInstalled(List.of(Path.of("")));
    }

    /**
     * Starts Azurite, or (when not installed) fails under CI and skips elsewhere, naming the install command.
     */
    public static AzuriteServer startOrSkip() throws IOException, InterruptedException {
        Optional<Path> executable = findExecutable();
        if (executable.isEmpty()) {
            String message = "Azurite is not installed (no " + Azurite.RELATIVE_INSTALL + " above " + Path.of("").toAbsolutePath()
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
        return azurite.serviceUrl();
    }

    public AzureLocation location(String container, String prefix) {
        return azurite.location(container, prefix);
    }

    public AzureCredentials.SharedKey credentials() {
        return azurite.credentials();
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY + ";BlobEndpoint="
                + serviceUrl() + ";";
    }

    /** An SDK client with the account key, for test setup (containers, SAS tokens). */
    public BlobServiceClient serviceClient() {
        return new BlobServiceClientBuilder()
                .endpoint(serviceUrl().toString())
                .credential(new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY))
                .buildClient();
    }

    public void createContainer(String container) {
        azurite.createContainer(container);
    }

    @Override
    public void close() {
        azurite.close();
        TempDirs.deleteRecursively(workspace);
    }
}
