package org.dtrmigration.bootstrapper;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.StorageLocation;

/**
 * The storage DTR is told to use after a restore or reconfigure. Volumes and NFS are bootstrapper
 * flags; cloud backends (S3, Azure) have no bootstrapper flag and are switched through the storage
 * settings API.
 *
 * <p>Text forms: {@code volume:NAME} (a Docker volume), {@code /abs/path} or {@code file:///abs/path}
 * (a host directory for {@code --dtr-storage-volume}), {@code nfs://host/dir}, and the storage
 * location URIs {@code s3://…} and {@code azure://…}.
 */
public sealed interface StorageTarget extends Serializable {

    /** What DTR is told, for messages. */
    String describe();

    /**
     * Where this machine could read the new storage to check it, when the text says so: a host
     * directory or a cloud location. Docker volume names and NFS exports are not readable from here.
     */
    Optional<StorageLocation> readableLocation();

    /** {@code --dtr-storage-volume}: a Docker volume name or a full host path. */
    record Volume(String nameOrPath) implements StorageTarget {
        private static final long serialVersionUID = 1L;
        private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]+");

        public Volume {
            Objects.requireNonNull(nameOrPath, "nameOrPath");
            if (!nameOrPath.startsWith("/") && !VOLUME_NAME.matcher(nameOrPath).matches()) {
                throw new IllegalArgumentException("not a Docker volume name or absolute path: '" + nameOrPath + "'");
            }
        }

        @Override
        public String describe() {
            return "volume " + nameOrPath;
        }

        /**
         * The replica among {@code replicaIds} whose own local volume this is, by name ({@code dtr-registry-<id>},
         * {@code dtr-nfs-registry-<id>} and the other {@code dtr-…-<id>} volumes) or by a path through it
         * ({@code /var/lib/docker/volumes/dtr-registry-<id>/_data}): {@code destroy} removes those with the replica.
         */
        public Optional<String> localVolumeOf(Collection<String> replicaIds) {
            for (String segment : nameOrPath.split("/")) {
                if (segment.startsWith("dtr-") || segment.startsWith("msr-")) {
                    for (String id : replicaIds) {
                        if (segment.endsWith("-" + id)) {
                            return Optional.of(id);
                        }
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<StorageLocation> readableLocation() {
            return nameOrPath.startsWith("/") ? Optional.of(new FilesystemLocation(nameOrPath)) : Optional.empty();
        }
    }

    /** {@code --nfs-storage-url nfs://host/dir}. */
    record Nfs(String url) implements StorageTarget {
        private static final long serialVersionUID = 1L;

        public Nfs {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String describe() {
            return "NFS " + url;
        }

        @Override
        public Optional<StorageLocation> readableLocation() {
            return Optional.empty();
        }
    }

    /** An S3 or Azure location, set through the storage settings API. */
    record Cloud(StorageLocation location) implements StorageTarget {
        private static final long serialVersionUID = 1L;

        public Cloud {
            Objects.requireNonNull(location, "location");
            if (location instanceof FilesystemLocation) {
                throw new IllegalArgumentException("a filesystem location is a volume, not cloud storage");
            }
        }

        @Override
        public String describe() {
            return location.toUri();
        }

        @Override
        public Optional<StorageLocation> readableLocation() {
            return Optional.of(location);
        }
    }

    /**
     * Parses the text forms above.
     *
     * @throws IllegalArgumentException naming {@code parameter}
     */
    static StorageTarget parse(String text, String parameter) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(parameter + ": required, the new storage: volume:NAME, /host/path, nfs://host/dir,"
                    + " s3://bucket/prefix?… or azure://container/prefix?…");
        }
        String t = text.strip();
        try {
            if (t.startsWith("volume:")) {
                return new Volume(t.substring("volume:".length()));
            }
            if (t.startsWith("nfs://")) {
                URI uri = new URI(t);
                if (uri.getHost() == null || uri.getPath() == null || uri.getPath().isEmpty() || uri.getUserInfo() != null
                        || uri.getQuery() != null) {
                    throw new IllegalArgumentException("expected nfs://host/exported/dir");
                }
                return new Nfs(t);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(parameter + ": not a valid nfs:// URL: " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(parameter + ": " + e.getMessage());
        }
        StorageLocation location = StorageLocation.parse(t, parameter);
        if (location instanceof FilesystemLocation fs) {
            return new Volume(fs.path());
        }
        return new Cloud(location);
    }
}
