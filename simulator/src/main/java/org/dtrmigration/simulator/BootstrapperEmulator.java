package org.dtrmigration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.dtrmigration.layout.Digest;
import org.dtrmigration.simulator.crons.Cron;
import org.dtrmigration.simulator.crons.CronSpec;
import org.dtrmigration.simulator.http.Json;
import org.dtrmigration.simulator.metadata.MetadataSnapshot;
import org.dtrmigration.simulator.metadata.RepositoryRecord;
import org.dtrmigration.simulator.metadata.TagRecord;
import org.dtrmigration.simulator.storage.StorageComparison;
import org.dtrmigration.simulator.storage.StorageMode;
import org.dtrmigration.simulator.storage.StorageState;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.ObjectStore;
import org.dtrmigration.storage.StorageCredentials;

/**
 * Plays the DTR/MSR bootstrapper ({@code docker/dtr} / {@code mirantis/dtr}) against the simulator:
 * what {@code docker run IMAGE backup|restore|destroy|reconfigure …} and {@code docker pull IMAGE}
 * do to a real DTR, as far as a storage migration can tell. The {@code docker} stand-in
 * ({@link org.dtrmigration.simulator.docker.DockerStandIn}) hands each command line here through
 * {@code POST /_sim/bootstrapper}.
 *
 * <ul>
 *   <li>Every command authenticates to UCP with {@code --ucp-username} and the container's
 *   {@code UCP_PASSWORD}, needs {@code --ucp-url} and {@code --ucp-ca} or {@code --ucp-insecure-tls},
 *   and must be the simulator's version. Flags the version lacks fail as the real CLI fails
 *   ("flag provided but not defined").</li>
 *   <li>{@code backup --existing-replica-id ID [--offline-backup]} writes a tar to stdout whose
 *   entries start {@code dtr-backup-v<version>/}: {@code rethink/properties.json},
 *   {@code rethink/repositories.json}, {@code rethink/tags.json} (tags → digests) and
 *   {@code rethink/crons.json}.</li>
 *   <li>{@code destroy --replica-id ID} removes the replica; on the default local volume the
 *   images go with it. With no replica left the API answers 503 and the metadata is gone.</li>
 *   <li>{@code restore --replica-id ID} (DTR gone, backup on stdin, same version as the backup)
 *   installs the replica with the backup's metadata, crons and read-only setting. From 2.6 one of
 *   {@code --dtr-storage-volume}, {@code --nfs-storage-url}, {@code --dtr-use-default-storage} is
 *   required.</li>
 *   <li>{@code reconfigure --existing-replica-id ID} with new storage: 2.5 and 2.6.0–2.6.3 wipe the
 *   tags; 2.6.4–2.8 wipe them unless {@code --storage-migrated}; MSR 2.9 fails unless the new storage
 *   is an exact copy, or wipes them with {@code --reinitialize-storage}.</li>
 * </ul>
 * Volume names map to {@code <hostRoot>/volumes/<name>/_data}, NFS URLs to
 * {@code <hostRoot>/nfs/<host>/<path>}, absolute paths to themselves.
 */
public final class BootstrapperEmulator {

    /** What a fault makes the next backup do. */
    public enum BackupFault {
        /** Half the archive, exit code 0 (a pipe cut short). */
        TRUNCATED,
        /** Half the archive, then an error and exit code 1. */
        FAILED
    }

    /** One run: exit code, stdout bytes, stderr text. */
    public record Outcome(int exitCode, byte[] stdout, String stderr) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IMAGE = Pattern.compile("(?:.+/)?(docker|mirantis)/dtr:(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Set<String> COMMON_VALUE = Set.of("--ucp-url", "--ucp-username", "--ucp-password", "--ucp-ca");
    private static final Set<String> COMMON_BOOL = Set.of("--ucp-insecure-tls", "--debug");

    private final DtrSimulator sim;
    private final int major;
    private final int minor;
    private final int patch;
    private String ucpUser;
    private String ucpPassword;
    private Path hostRoot;
    private BackupFault nextBackupFault;

    BootstrapperEmulator(DtrSimulator sim) {
        this.sim = sim;
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+).*").matcher(sim.config().version());
        if (!m.matches()) {
            throw new IllegalStateException("unparsable version " + sim.config().version());
        }
        major = Integer.parseInt(m.group(1));
        minor = Integer.parseInt(m.group(2));
        patch = Integer.parseInt(m.group(3));
    }

    /** The UCP administrator the bootstrapper must authenticate as. Until set, every command fails. */
    public synchronized BootstrapperEmulator ucpCredentials(String user, String password) {
        this.ucpUser = Objects.requireNonNull(user, "user");
        this.ucpPassword = Objects.requireNonNull(password, "password");
        return this;
    }

    /** Where named Docker volumes and NFS exports live on the simulated host. */
    public synchronized BootstrapperEmulator hostRoot(Path root) {
        this.hostRoot = root;
        return this;
    }

    /** The directory that backs a named Docker volume. */
    public synchronized Path volumePath(String name) {
        return requireHostRoot().resolve("volumes").resolve(name).resolve("_data");
    }

    /** The directory that backs an NFS export. */
    public synchronized Path nfsPath(String host, String path) {
        return requireHostRoot().resolve("nfs").resolve(host).resolve(path.replaceFirst("^/+", ""));
    }

    /** The next backup misbehaves. */
    public synchronized BootstrapperEmulator failNextBackup(BackupFault fault) {
        this.nextBackupFault = fault;
        return this;
    }

    private Path requireHostRoot() {
        if (hostRoot == null) {
            throw new IllegalStateException("the simulator has no host root for Docker volumes and NFS exports"
                    + " (sim.bootstrapper().hostRoot(dir))");
        }
        return hostRoot;
    }

    /** A failure the bootstrapper prints before exiting. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Failure(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /**
     * Runs one command.
     *
     * @param image   the image reference as given to docker
     * @param command the bootstrapper command, or {@code pull}
     * @param env     the container's environment
     */
    public synchronized Outcome run(String image, String command, List<String> args, Map<String, String> env, byte[] stdin) {
        StringBuilder err = new StringBuilder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Matcher m = IMAGE.matcher(image);
            if ("pull".equals(command)) {
                if (!m.matches()) {
                    throw new Failure(1, "Error response from daemon: pull access denied for " + image);
                }
                out.writeBytes(("Status: Image is up to date for " + image + "\n").getBytes(StandardCharsets.UTF_8));
                return new Outcome(0, out.toByteArray(), "");
            }
            if (!m.matches()) {
                throw new Failure(125, "Unable to find image '" + image + "' locally");
            }
            int[] v = {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))};
            Map<String, String> flags = parse(command, args, v);
            authenticate(flags, env);
            if (!Arrays.equals(v, new int[] {major, minor, patch})) {
                throw new Failure(1, "the bootstrapper " + v[0] + "." + v[1] + "." + v[2] + " does not match " + sim.config().product()
                        + " " + sim.config().version() + "; use the bootstrapper of the running version");
            }
            info(err, "Beginning " + sim.config().product().title() + " " + command);
            switch (command) {
                case "backup" -> backup(flags, out, err);
                case "destroy" -> destroy(flags, err);
                case "restore" -> restore(flags, stdin, err);
                case "reconfigure" -> reconfigure(flags, err);
                default -> throw new Failure(1, "unknown command " + command);
            }
            return new Outcome(0, out.toByteArray(), err.toString());
        } catch (Failure f) {
            err.append("FATA[0000] ").append(f.getMessage()).append('\n');
            return new Outcome(f.code, out.toByteArray(), err.toString());
        } catch (IOException | RuntimeException e) {
            err.append("FATA[0000] ").append(e.getClass().getSimpleName()).append(": ").append(e.getMessage()).append('\n');
            return new Outcome(1, out.toByteArray(), err.toString());
        }
    }

    private static void info(StringBuilder err, String line) {
        err.append("INFO[0000] ").append(line).append('\n');
    }

    // ---- flags ----------------------------------------------------------------------------

    private Map<String, String> parse(String command, List<String> args, int[] v) throws Failure {
        Set<String> valueFlags = new java.util.HashSet<>(COMMON_VALUE);
        Set<String> boolFlags = new java.util.HashSet<>(COMMON_BOOL);
        boolean from26 = v[0] > 2 || v[1] >= 6;
        boolean from264 = v[1] > 6 || (v[1] == 6 && v[2] >= 4);
        switch (command) {
            case "backup" -> {
                valueFlags.add("--existing-replica-id");
                if (from26) {
                    boolFlags.add("--offline-backup");
                }
            }
            case "destroy" -> valueFlags.add("--replica-id");
            case "restore" -> {
                valueFlags.addAll(List.of("--replica-id", "--dtr-storage-volume", "--nfs-storage-url"));
                if (from26) {
                    boolFlags.add("--dtr-use-default-storage");
                }
            }
            case "reconfigure" -> {
                valueFlags.addAll(List.of("--existing-replica-id", "--dtr-storage-volume", "--nfs-storage-url"));
                if (from264) {
                    boolFlags.add("--storage-migrated");
                }
                if (v[1] == 9) {
                    boolFlags.add("--reinitialize-storage");
                }
            }
            default -> throw new Failure(1, "Incorrect Usage: no such command '" + command + "'");
        }
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (valueFlags.contains(name)) {
                if (a.contains("=")) {
                    flags.put(name, a.substring(a.indexOf('=') + 1));
                } else if (i + 1 < args.size()) {
                    flags.put(name, args.get(++i));
                } else {
                    throw new Failure(1, "Incorrect Usage: flag needs an argument: " + name);
                }
            } else if (boolFlags.contains(name)) {
                flags.put(name, "true");
            } else {
                throw new Failure(1, "Incorrect Usage: flag provided but not defined: -" + name.replaceFirst("^-+", ""));
            }
        }
        return flags;
    }

    private void authenticate(Map<String, String> flags, Map<String, String> env) throws Failure {
        if (!flags.containsKey("--ucp-url")) {
            throw new Failure(1, "--ucp-url is required");
        }
        if (!flags.containsKey("--ucp-ca") && !flags.containsKey("--ucp-insecure-tls")) {
            throw new Failure(1, "unable to verify UCP's certificate: give --ucp-ca or --ucp-insecure-tls");
        }
        String user = flags.get("--ucp-username");
        String password = env.getOrDefault("UCP_PASSWORD", flags.get("--ucp-password"));
        if (ucpUser == null) {
            throw new Failure(1, "the simulator has no UCP credentials configured (sim.bootstrapper().ucpCredentials(…))");
        }
        if (user == null || password == null || password.isEmpty()) {
            throw new Failure(1, "--ucp-username and --ucp-password ($UCP_PASSWORD) are required");
        }
        if (!user.equals(ucpUser) || !password.equals(ucpPassword)) {
            throw new Failure(1, "unable to authenticate to UCP at " + flags.get("--ucp-url") + " as " + user + ": invalid credentials");
        }
    }

    private String requireAlive(Map<String, String> flags, String flag) throws Failure {
        String id = flags.get(flag);
        if (id == null) {
            throw new Failure(1, flag + " is required");
        }
        if (!sim.cluster().isAlive(id)) {
            throw new Failure(1, "replica " + id + " not found; replicas: " + sim.cluster().alive());
        }
        return id;
    }

    // ---- commands --------------------------------------------------------------------------

    private void backup(Map<String, String> flags, ByteArrayOutputStream out, StringBuilder err) throws Failure, IOException {
        requireAlive(flags, "--existing-replica-id");
        String prefix = "dtr-backup-v" + sim.config().version() + "/";
        MetadataSnapshot snapshot = sim.metadata().snapshot();
        ObjectNode properties = Json.object()
                .put("version", sim.config().version())
                .put("product", sim.config().product().name())
                .put("replicaId", flags.get("--existing-replica-id"))
                .put("readOnlyRegistry", sim.isReadOnly())
                .put("storage", sim.storageService().state().description())
                .put("offline", flags.containsKey("--offline-backup"))
                .put("takenAt", Json.time(sim.clock().instant()));
        ArrayNode repositories = Json.array();
        for (RepositoryRecord r : snapshot.repositories()) {
            repositories.addObject().put("id", r.id()).put("namespace", r.namespace()).put("name", r.name())
                    .put("visibility", r.visibility()).put("createdAt", r.createdAt().toString());
        }
        ObjectNode tags = Json.object();
        for (Map.Entry<String, List<TagRecord>> e : new TreeMap<>(snapshot.tags()).entrySet()) {
            ArrayNode list = tags.putArray(e.getKey());
            for (TagRecord t : e.getValue()) {
                list.addObject().put("name", t.name()).put("digest", t.digest().toString()).put("author", t.author())
                        .put("createdAt", t.createdAt().toString()).put("updatedAt", t.updatedAt().toString());
            }
        }
        ArrayNode crons = Json.array();
        for (Cron c : sim.crons().list()) {
            CronSpec s = c.spec();
            ObjectNode node = crons.addObject().put("action", s.action()).put("schedule", s.schedule()).put("retries", s.retries())
                    .put("deadline", s.deadline()).put("stopTimeout", s.stopTimeout());
            node.set("capacityMap", Json.map(s.capacityMap()));
            node.set("parameters", Json.map(s.parameters()));
        }
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(tar)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            directory(t, prefix);
            directory(t, prefix + "rethink/");
            file(t, prefix + "rethink/properties.json", Json.bytes(properties));
            file(t, prefix + "rethink/repositories.json", Json.bytes(repositories));
            file(t, prefix + "rethink/tags.json", Json.bytes(tags));
            file(t, prefix + "rethink/crons.json", Json.bytes(crons));
        }
        byte[] archive = tar.toByteArray();
        info(err, "Backed up " + snapshot.repositories().size() + " repositories and "
                + snapshot.tags().values().stream().mapToInt(List::size).sum() + " tags");
        BackupFault fault = nextBackupFault;
        nextBackupFault = null;
        if (fault != null) {
            out.write(archive, 0, archive.length / 2);
            if (fault == BackupFault.FAILED) {
                throw new Failure(1, "rethinkdb dump failed: connection reset by peer");
            }
            return;
        }
        out.writeBytes(archive);
    }

    private static void directory(TarArchiveOutputStream t, String name) throws IOException {
        t.putArchiveEntry(new TarArchiveEntry(name));
        t.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream t, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        t.putArchiveEntry(e);
        t.write(content);
        t.closeArchiveEntry();
    }

    private void destroy(Map<String, String> flags, StringBuilder err) throws Failure, IOException {
        String replica = requireAlive(flags, "--replica-id");
        StorageState state = sim.storageService().state();
        sim.cluster().destroy(replica);
        info(err, "Removed the containers and volumes of replica " + replica);
        if (state.mode() == StorageMode.LOCAL_VOLUME) {
            int n = StorageComparison.wipe(sim.storageService().store().current());
            info(err, "Removed volume dtr-registry-" + replica + " (" + n + " objects)");
        }
        if (!sim.cluster().installed()) {
            sim.metadata().restore(new MetadataSnapshot(List.of(), Map.of()));
            for (Cron c : sim.crons().list()) {
                sim.crons().delete(c.action());
            }
            info(err, "No replica left: " + sim.config().product().title() + " is uninstalled");
        }
    }

    private void restore(Map<String, String> flags, byte[] stdin, StringBuilder err) throws Failure, IOException {
        String replica = flags.get("--replica-id");
        if (replica == null) {
            throw new Failure(1, "--replica-id is required");
        }
        if (sim.cluster().installed()) {
            throw new Failure(1, "DTR is still installed (replicas " + sim.cluster().alive() + "); destroy it first");
        }
        if (!sim.cluster().isConfigured(replica)) {
            throw new Failure(1, "the simulator can only restore one of its configured replicas " + sim.config().replicaIds());
        }
        List<String> storageFlags = new ArrayList<>();
        for (String f : List.of("--dtr-storage-volume", "--nfs-storage-url", "--dtr-use-default-storage")) {
            if (flags.containsKey(f)) {
                storageFlags.add(f);
            }
        }
        if (storageFlags.size() > 1) {
            throw new Failure(1, "only one of " + storageFlags + " may be given");
        }
        if (storageFlags.isEmpty() && minor >= 6) {
            throw new Failure(1, "one of --dtr-storage-volume, --nfs-storage-url or --dtr-use-default-storage is required");
        }
        if (stdin == null || stdin.length == 0) {
            throw new Failure(1, "no backup on stdin (docker run -i … restore < backup.tar)");
        }
        Map<String, JsonNode> entries = readBackup(stdin);
        JsonNode properties = entries.get("rethink/properties.json");
        JsonNode repositories = entries.get("rethink/repositories.json");
        JsonNode tags = entries.get("rethink/tags.json");
        JsonNode crons = entries.get("rethink/crons.json");
        if (properties == null || repositories == null || tags == null || crons == null) {
            throw new Failure(1, "the backup is incomplete: " + entries.keySet());
        }
        // storage first: a bad flag must fail before anything is installed
        if (!storageFlags.isEmpty() && !storageFlags.get(0).equals("--dtr-use-default-storage")) {
            String flag = storageFlags.get(0);
            switchTo(flag, flags.get(flag), resolve(flag, flags.get(flag)), err);
        }
        List<RepositoryRecord> repos = new ArrayList<>();
        for (JsonNode r : repositories) {
            repos.add(new RepositoryRecord(r.path("id").asText(), r.path("namespace").asText(), r.path("name").asText(),
                    r.path("visibility").asText("private"), Instant.parse(r.path("createdAt").asText())));
        }
        Map<String, List<TagRecord>> tagMap = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<TagRecord> list = new ArrayList<>();
            for (JsonNode t : e.getValue()) {
                list.add(new TagRecord(t.path("name").asText(), Digest.parse(t.path("digest").asText()), t.path("author").asText(),
                        Instant.parse(t.path("createdAt").asText()), Instant.parse(t.path("updatedAt").asText())));
            }
            tagMap.put(e.getKey(), list);
        }
        sim.metadata().restore(new MetadataSnapshot(repos, tagMap));
        for (Cron c : sim.crons().list()) {
            sim.crons().delete(c.action());
        }
        for (JsonNode c : crons) {
            sim.crons().put(new CronSpec(c.path("action").asText(), c.path("schedule").asText(), c.path("retries").asInt(0),
                    JSON.convertValue(c.path("capacityMap"), JSON.getTypeFactory().constructMapType(Map.class, String.class, Integer.class)),
                    Json.toMap(c.path("parameters")), c.path("deadline").asText(""), c.path("stopTimeout").asText("")));
        }
        sim.setReadOnly(properties.path("readOnlyRegistry").asBoolean(false));
        sim.cluster().install(replica);
        info(err, "Restored replica " + replica + " with " + repos.size() + " repositories from a backup of "
                + properties.path("takenAt").asText() + " onto " + sim.storageService().state().description());
    }

    private Map<String, JsonNode> readBackup(byte[] stdin) throws Failure {
        String prefix = "dtr-backup-v" + sim.config().version() + "/";
        Map<String, JsonNode> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(stdin))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.getName().startsWith(prefix)) {
                    String version = e.getName().startsWith("dtr-backup-v") ? e.getName().substring(12, e.getName().indexOf('/'))
                            : "unknown";
                    throw new Failure(1, "the backup is of version " + version + "; restore needs the bootstrapper version that"
                            + " made it, this one is " + sim.config().version());
                }
                if (!e.isDirectory()) {
                    byte[] content = tar.readAllBytes();
                    if (content.length != e.getSize()) {
                        throw new Failure(1, "unexpected EOF reading the backup");
                    }
                    entries.put(e.getName().substring(prefix.length()), JSON.readTree(content));
                }
            }
        } catch (IOException e) {
            throw new Failure(1, "cannot read the backup: " + e.getMessage());
        }
        return entries;
    }

    private void reconfigure(Map<String, String> flags, StringBuilder err) throws Failure, IOException {
        requireAlive(flags, "--existing-replica-id");
        String flag = flags.containsKey("--dtr-storage-volume") ? "--dtr-storage-volume"
                : flags.containsKey("--nfs-storage-url") ? "--nfs-storage-url" : null;
        if (flag == null) {
            info(err, "No storage change requested");
            return;
        }
        ObjectStore next = resolve(flag, flags.get(flag));
        ObjectStore current = sim.storageService().store().current();
        boolean migrated = flags.containsKey("--storage-migrated");
        boolean reinitialize = flags.containsKey("--reinitialize-storage");
        boolean wipe;
        if (minor == 9) {
            String difference = StorageComparison.firstDifference(current, next);
            if (difference != null && !reinitialize) {
                throw new Failure(1, "the new storage backend does not contain an exact copy of the current one (" + difference
                        + "); copy it exactly, or use --reinitialize-storage to start with a new metadata store");
            }
            wipe = reinitialize;
        } else if (minor == 5) {
            wipe = true; // 2.5 with (experimental) online GC opted in; the simulator always keeps tags in its metadata store
        } else {
            wipe = !migrated;
        }
        switchTo(flag, flags.get(flag), next, err);
        if (wipe) {
            sim.metadata().wipeTags();
            info(err, "Switched storage: initialized a new metadata store; existing tags were erased");
        } else {
            info(err, "Switched storage; tags kept");
        }
    }

    private ObjectStore resolve(String flag, String value) throws Failure, IOException {
        Path dir;
        try {
            if (flag.equals("--nfs-storage-url")) {
                URI uri = URI.create(value);
                if (!"nfs".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new Failure(1, "--nfs-storage-url must look like nfs://host/dir");
                }
                dir = nfsPath(uri.getHost(), uri.getPath());
            } else {
                dir = value.startsWith("/") ? Path.of(value) : volumePath(value);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new Failure(1, e.getMessage());
        }
        Files.createDirectories(dir);
        return sim.storageService().open(new FilesystemLocation(dir.toString()), StorageCredentials.none());
    }

    private void switchTo(String flag, String value, ObjectStore next, StringBuilder err) {
        boolean nfs = flag.equals("--nfs-storage-url");
        ObjectNode driver = Json.object();
        driver.putObject("filesystem").put("rootdirectory", "/storage");
        sim.storageService().switchTo(next, new StorageState(nfs ? StorageMode.NFS : StorageMode.VOLUME,
                (nfs ? "NFS " : "volume ") + value, nfs ? "" : value, nfs ? value : "", driver));
        info(err, "Using " + (nfs ? "NFS " : "volume ") + value + " for image storage");
    }
}
