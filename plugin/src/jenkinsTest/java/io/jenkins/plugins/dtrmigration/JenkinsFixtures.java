package io.jenkins.plugins.dtrmigration;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import com.microsoftopentechnologies.windowsazurestorage.helper.AzureStorageAccount;
import hudson.util.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dtrmigration.simulator.DtrSimulator;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.storage.FilesystemStore;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/** What the JenkinsRule tests share: the simulated DTR, the credentials in the store, and a secrets scan. */
final class JenkinsFixtures {

    static final String ADMIN_TOKEN = "dtr-admin-token-SECRET-4711";
    static final String DEV_TOKEN = "dtr-dev-token-SECRET-0815";
    static final String STALE_TOKEN = "dtr-expired-token-SECRET-9";

    private JenkinsFixtures() {
    }

    /** A DTR with two replicas, the weekly online-GC cron and a mirroring cron, an admin and a non-admin user. */
    static DtrSimulator simulator(Path dir, Duration readOnlyLag) throws IOException {
        return DtrSimulator.builder()
                .storage(new FilesystemStore(Files.createDirectories(dir.resolve("storage"))))
                .admin("admin", ADMIN_TOKEN)
                .user("dev", DEV_TOKEN)
                .replicaIds("a1b2c3d4e5f6", "0123456789ab")
                .readOnlyLag(readOnlyLag)
                .jobStartDelay(Duration.ofMillis(20))
                .jobStepDelay(Duration.ofMillis(5))
                .cron(CronSpec.onlineGcWeekly())
                .cron(CronSpec.of("poll_mirror", "0 */15 * * * *"))
                .cronScheduler(false)
                .start();
    }

    /**
     * Adds to the global store: {@code dtr-admin} (admin + token), {@code dtr-dev} (non-admin), {@code stale}
     * (admin + wrong token) and {@code secret-text} (a credential of another kind).
     */
    static void addCredentials() throws Exception {
        add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "dtr-admin", "DTR admin", "admin", ADMIN_TOKEN));
        add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "dtr-dev", "DTR developer", "dev", DEV_TOKEN));
        add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "stale", "revoked token", "admin", STALE_TOKEN));
        add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "secret-text", "not a DTR credential",
                Secret.fromString("some-SECRET-text")));
    }

    /** Adds {@code ucp-admin}: the UCP/MKE administrator the bootstrapper steps log in as. */
    static void addUcpCredentials(String password) throws Exception {
        add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "ucp-admin", "UCP admin", "ucp-admin", password));
    }

    /**
     * Adds {@code dtr-s3} (AWS access key) and {@code dtr-azure} (an Azure storage account), the storage steps' other
     * kinds.
     */
    static void addStorageCredentials() throws Exception {
        add(new AWSCredentialsImpl(CredentialsScope.GLOBAL, "dtr-s3", "AKIAEXAMPLE", "aws-SECRET-key", "S3 for DTR"));
        add(new AzureStorageAccount(CredentialsScope.GLOBAL, "dtr-azure", "Azure storage for DTR", "dtrstore",
                "YXp1cmUtU0VDUkVULWtleS0wMTIzNDU2Nzg5MDEyMzQ1Njc4OQ==", "", ""));
    }

    private static void add(Credentials c) throws IOException {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(c);
        store.save();
    }

    /** Files under {@code root} whose bytes contain {@code secret} in plain text. */
    static List<Path> filesContaining(Path root, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
