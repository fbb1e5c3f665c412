package org.dtrmigration.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A registry root directory (local disk or an NFS mount). The path is kept as a string because
 * {@link Path} is not serializable and the location may be sent to another machine.
 */
public record FilesystemLocation(String path) implements StorageLocation {
    private static final long serialVersionUID = 1L;

    public FilesystemLocation {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("filesystem location needs an absolute path, got '" + path + "'");
        }
    }

    public Path toPath() {
        return Path.of(path);
    }

    @Override
    public String toUri() {
        return Path.of(path).toUri().toString();
    }
}
