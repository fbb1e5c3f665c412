package org.dtrmigration.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A registry root on a local or NFS-mounted directory. Writes go to a hidden temporary file in the
 * target directory and are renamed into place, so a killed copy never leaves a partial object.
 */
public final class FilesystemStore implements ObjectStore {

    /** Prefix of in-flight temporary files; listings skip them. */
    static final String TEMP_PREFIX = ".dtrmig-tmp-";

    private final Path root;

    public FilesystemStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    Path resolve(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.contains("\\")
                || Arrays.stream(key.split("/", -1)).anyMatch(p -> p.isEmpty() || p.equals(".") || p.equals(".."))) {
            throw new IllegalArgumentException("invalid object key: '" + key + "'");
        }
        return root.resolve(key);
    }

    @Override
    public ObjectListing list(String prefix) throws IOException {
        // Start at the deepest directory that the prefix fully names; filter the rest by string.
        int slash = prefix.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : prefix.substring(0, slash);
        Path start = dirPart.isEmpty() ? root : resolve(dirPart);
        checkRoot(); // an empty listing of a mistyped root would look like an empty registry
        if (!Files.isDirectory(start)) {
            return ObjectListing.of(List.<ObjectInfo>of().iterator());
        }
        return new Walk(start, dirPart.isEmpty() ? "" : dirPart + "/", prefix);
    }

    @Override
    public List<String> listChildren(String prefix) throws IOException {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("listChildren needs a prefix ending with '/': '" + prefix + "'");
        }
        checkRoot();
        Path dir = prefix.isEmpty() ? root : resolve(prefix.substring(0, prefix.length() - 1));
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX)) {
                    continue;
                }
                try {
                    BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
                    if (attrs.isDirectory()) {
                        children.add(prefix + name + "/");
                    } else if (attrs.isRegularFile()) {
                        children.add(prefix + name);
                    }
                } catch (NoSuchFileException e) {
                    // deleted while we listed
                }
            }
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return List.of();
        }
        children.sort(Utf8Order.COMPARATOR);
        return children;
    }

    /** Deletes temporary files of writes that were killed before their rename, when older than {@code startedBefore}. */
    @Override
    public int abortIncompleteWrites(String prefix, java.time.Instant startedBefore, java.util.function.Predicate<String> keys)
            throws IOException {
        checkRoot();
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return 0;
        }
        int[] removed = {0};
        Files.walkFileTree(start, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String key = root.relativize(file).toString().replace('\\', '/');
                if (file.getFileName().toString().startsWith(TEMP_PREFIX) && attrs.isRegularFile()
                        && attrs.lastModifiedTime().toInstant().isBefore(startedBefore) && key.startsWith(prefix) && keys.test(key)) {
                    if (Files.deleteIfExists(file)) {
                        removed[0]++;
                    }
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE; // removed while we walked
                }
                throw e;
            }
        });
        return removed[0];
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(resolve(key), BasicFileAttributes.class);
            return attrs.isRegularFile() ? Optional.of(new ObjectInfo(key, attrs.size())) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream read(String key) throws IOException {
        Path path = resolve(key);
        try {
            if (Files.isDirectory(path)) {
                throw new NoSuchObjectException(describe(), key);
            }
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(describe(), key);
        }
    }

    @Override
    public void write(String key, InputStream content, long length, byte[] md5) throws IOException {
        Path target = resolve(key);
        Path temp = createTemp(target);
        try {
            MessageDigest digest = md5 == null ? null : Md5.digest();
            long written;
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                // Not closed here: the caller owns the source stream.
                InputStream in = digest == null ? content : new DigestInputStream(content, digest);
                written = in.transferTo(out);
            }
            if (length >= 0 && written != length) {
                throw new IOException("short write for '" + key + "': expected " + length + " bytes, got " + written + "; nothing written");
            }
            if (digest != null) {
                byte[] actual = digest.digest();
                if (!MessageDigest.isEqual(actual, md5)) {
                    throw new IOException("content of '" + key + "' has MD5 " + Md5.hex(actual) + ", expected " + Md5.hex(md5)
                            + "; nothing written");
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Creates the temporary file beside the target, creating parent directories when missing (and again
     * when a concurrent {@link #delete} removed a directory it saw empty). The root itself must exist:
     * a mistyped destination fails instead of growing a new tree somewhere.
     */
    private Path createTemp(Path target) throws IOException {
        Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
        for (int attempt = 1; ; attempt++) {
            try {
                return Files.createFile(temp);
            } catch (NoSuchFileException e) {
                if (attempt >= 5) {
                    throw e;
                }
                checkRoot();
                Files.createDirectories(target.getParent());
            }
        }
    }

    private void checkRoot() throws StorageAccessException {
        if (!Files.isDirectory(root)) {
            throw new StorageAccessException(StorageAccessException.Reason.MISSING_CONTAINER,
                    "directory '" + root + "' does not exist (create it, or check the path and that the volume is mounted)", null);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = resolve(key);
        Files.deleteIfExists(path);
        // Remove directories left empty, as distribution's filesystem driver does, up to the root.
        Path dir = path.getParent();
        while (dir != null && !dir.equals(root) && dir.startsWith(root)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (entries.iterator().hasNext()) {
                    break;
                }
            } catch (NoSuchFileException e) {
                dir = dir.getParent();
                continue;
            }
            try {
                Files.delete(dir);
            } catch (IOException e) {
                break; // raced with a writer, or not ours to remove: leave it
            }
            dir = dir.getParent();
        }
    }

    /**
     * Depth-first walk that yields files in UTF-8 byte order of their keys. Each directory's entries
     * are sorted by their key suffix bytes; a directory name sorts as "name/" so that "a/b" comes
     * after "a-b" exactly as a flat key listing would.
     */
    private final class Walk implements ObjectListing {
        private final String prefix;
        private final Deque<Iterator<Entry>> stack = new ArrayDeque<>();
        private ObjectInfo next;

        private record Entry(String key, Path path, boolean dir, long size, byte[] sortKey) {
        }

        Walk(Path start, String startKey, String prefix) throws IOException {
            this.prefix = prefix;
            stack.push(entries(start, startKey).iterator());
        }

        private List<Entry> entries(Path dir, String dirKey) throws IOException {
            List<Entry> list = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path p : stream) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(TEMP_PREFIX)) {
                        continue;
                    }
                    BasicFileAttributes attrs;
                    try {
                        attrs = Files.readAttributes(p, BasicFileAttributes.class);
                    } catch (NoSuchFileException e) {
                        continue; // deleted while we listed
                    }
                    String key = dirKey + name;
                    if (attrs.isDirectory()) {
                        String dirKeyWithSlash = key + "/";
                        if (prefix.startsWith(dirKeyWithSlash) || dirKeyWithSlash.startsWith(prefix)) {
                            list.add(new Entry(dirKeyWithSlash, p, true, 0, dirKeyWithSlash.getBytes(StandardCharsets.UTF_8)));
                        }
                    } else if (attrs.isRegularFile() && key.startsWith(prefix)) {
                        list.add(new Entry(key, p, false, attrs.size(), key.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            } catch (NoSuchFileException e) {
                return list;
            }
            list.sort((a, b) -> Arrays.compareUnsigned(a.sortKey, b.sortKey));
            return list;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !stack.isEmpty()) {
                Iterator<Entry> top = stack.peek();
                if (!top.hasNext()) {
                    stack.pop();
                    continue;
                }
                Entry e = top.next();
                if (e.dir) {
                    try {
                        stack.push(entries(e.path, e.key).iterator());
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                } else {
                    next = new ObjectInfo(e.key, e.size);
                }
            }
            return next != null;
        }

        @Override
        public ObjectInfo next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ObjectInfo result = next;
            next = null;
            return result;
        }

        @Override
        public void close() {
            stack.clear();
        }
    }
}
