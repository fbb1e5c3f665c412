package org.dtrmigration.layout;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The keys of distribution's v2 storage, relative to the registry root (the folder or key prefix
 * holding {@code docker/registry/v2/}): builders for each kind of key and {@link #classify(String)}
 * to turn any key back into a typed {@link RegistryKey}.
 *
 * <p>Parsing is hand-written (no regular expressions) because the copier classifies every key of
 * trees with millions of objects.
 */
public final class RegistryLayout {

    public static final String ROOT = "docker/registry/v2/";
    public static final String BLOBS = ROOT + "blobs/";
    public static final String REPOSITORIES = ROOT + "repositories/";

    /** Distribution's limit on the whole repository name. */
    public static final int MAX_REPOSITORY_NAME_LENGTH = 255;
    public static final int MAX_TAG_LENGTH = 128;
    /** {@code sha256:} plus 64 hex digits; a link file holds exactly this, without a newline. */
    public static final int SHA256_LINK_LENGTH = 71;

    private static final String LAYERS = "_layers/";
    private static final String REVISIONS = "_manifests/revisions/";
    private static final String TAGS = "_manifests/tags/";
    private static final String UPLOADS = "_uploads/";
    private static final String LINK = "/link";
    private static final String DATA = "/data";
    private static final String CURRENT_LINK = "/current/link";
    private static final String INDEX = "/index/";

    private RegistryLayout() {
    }

    // ---- key builders ---------------------------------------------------------------------------

    public static String blobData(Digest digest) {
        String hex = digest.hex();
        return BLOBS + digest.algorithm() + '/' + hex.substring(0, 2) + '/' + hex + DATA;
    }

    /** {@code docker/registry/v2/repositories/<repo>/}: the prefix of everything the repository owns. */
    public static String repository(String repository) {
        return REPOSITORIES + requireRepositoryName(repository) + '/';
    }

    public static String layerLink(String repository, Digest digest) {
        return repository(repository) + LAYERS + digestPath(digest) + LINK;
    }

    public static String revisionLink(String repository, Digest digest) {
        return repository(repository) + REVISIONS + digestPath(digest) + LINK;
    }

    /** The prefix under which all of a repository's tags live. */
    public static String tagsPrefix(String repository) {
        return repository(repository) + TAGS;
    }

    /** The prefix under which one tag's current link and index live. */
    public static String tagPrefix(String repository, String tag) {
        return tagsPrefix(repository) + requireTagName(tag) + '/';
    }

    public static String tagCurrentLink(String repository, String tag) {
        return tagsPrefix(repository) + requireTagName(tag) + CURRENT_LINK;
    }

    public static String tagIndexLink(String repository, String tag, Digest digest) {
        return tagsPrefix(repository) + requireTagName(tag) + INDEX + digestPath(digest) + LINK;
    }

    public static String uploadsPrefix(String repository) {
        return repository(repository) + UPLOADS;
    }

    public static String upload(String repository, String uploadId, String file) {
        return uploadsPrefix(repository) + uploadId + '/' + file;
    }

    private static String digestPath(Digest digest) {
        return digest.algorithm() + '/' + digest.hex();
    }

    // ---- link files -----------------------------------------------------------------------------

    /** The exact bytes distribution writes into a link file: the digest string, no newline. */
    public static byte[] linkContent(Digest digest) {
        return digest.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a link file's content strictly (no whitespace, no newline). */
    public static Digest parseLink(byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII);
        return Digest.tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "not a link file (want 'sha256:<64 hex>'): " + content.length + " bytes"));
    }

    // ---- names ----------------------------------------------------------------------------------

    /**
     * Distribution's repository name grammar: '/'-separated components of lowercase alphanumerics
     * joined by a single '.', a single '_', "__" or any run of '-'; at most 255 characters.
     */
    public static boolean isValidRepositoryName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_REPOSITORY_NAME_LENGTH) {
            return false;
        }
        int start = 0;
        while (true) {
            int slash = name.indexOf('/', start);
            int end = slash < 0 ? name.length() : slash;
            if (!isValidPathComponent(name, start, end)) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            start = slash + 1;
        }
    }

    private static boolean isValidPathComponent(String s, int from, int to) {
        if (from >= to || !isAlnum(s.charAt(from)) || !isAlnum(s.charAt(to - 1))) {
            return false;
        }
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (isAlnum(c)) {
                i++;
                continue;
            }
            int runStart = i;
            while (i < to && !isAlnum(s.charAt(i))) {
                i++;
            }
            if (!isValidSeparator(s, runStart, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidSeparator(String s, int from, int to) {
        int len = to - from;
        char first = s.charAt(from);
        if (first == '.') {
            return len == 1;
        }
        if (first == '_') {
            return len == 1 || (len == 2 && s.charAt(from + 1) == '_');
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** Tag grammar: {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}. */
    public static boolean isValidTagName(String tag) {
        if (tag == null || tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
            return false;
        }
        char first = tag.charAt(0);
        if (!isWordChar(first)) {
            return false;
        }
        for (int i = 1; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (!isWordChar(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    static String requireRepositoryName(String name) {
        if (!isValidRepositoryName(name)) {
            throw new IllegalArgumentException("invalid repository name: '" + name + "'");
        }
        return name;
    }

    static String requireTagName(String tag) {
        if (!isValidTagName(tag)) {
            throw new IllegalArgumentException("invalid tag name: '" + tag + "'");
        }
        return tag;
    }

    // ---- classification -------------------------------------------------------------------------

    /** Classifies a key relative to the registry root; never throws for a non-null key. */
    public static RegistryKey classify(String key) {
        Objects.requireNonNull(key, "key");
        RegistryKey typed = null;
        if (key.startsWith(BLOBS)) {
            typed = classifyBlob(key);
        } else if (key.startsWith(REPOSITORIES)) {
            typed = classifyRepositoryKey(key);
        }
        return typed != null ? typed : new RegistryKey.Other(key);
    }

    private static RegistryKey classifyBlob(String key) {
        // <alg>/<hex[0:2]>/<hex>/data
        int algStart = BLOBS.length();
        int algEnd = key.indexOf('/', algStart);
        if (algEnd < 0) {
            return null;
        }
        String algorithm = key.substring(algStart, algEnd);
        int hexLength = Digest.hexLength(algorithm);
        int shardStart = algEnd + 1;
        int hexStart = shardStart + 3;
        if (hexLength < 0 || key.length() != hexStart + hexLength + DATA.length()
                || key.charAt(shardStart + 2) != '/' || !key.endsWith(DATA)) {
            return null;
        }
        int hexEnd = hexStart + hexLength;
        if (!Digest.isLowerHex(key, hexStart, hexEnd)
                || key.charAt(shardStart) != key.charAt(hexStart) || key.charAt(shardStart + 1) != key.charAt(hexStart + 1)) {
            return null;
        }
        return new RegistryKey.BlobData(new Digest(algorithm, key.substring(hexStart, hexEnd)));
    }

    private static RegistryKey classifyRepositoryKey(String key) {
        // A name component cannot start with '_', so the first "/_" ends the repository name.
        int nameStart = REPOSITORIES.length();
        int boundary = key.indexOf("/_", nameStart);
        if (boundary <= nameStart) {
            return null;
        }
        String repository = key.substring(nameStart, boundary);
        if (!isValidRepositoryName(repository)) {
            return null;
        }
        int tail = boundary + 1;
        if (key.startsWith(LAYERS, tail)) {
            Digest d = digestThenSuffix(key, tail + LAYERS.length(), LINK);
            return d == null ? null : new RegistryKey.LayerLink(repository, d);
        }
        if (key.startsWith(REVISIONS, tail)) {
            Digest d = digestThenSuffix(key, tail + REVISIONS.length(), LINK);
            return d == null ? null : new RegistryKey.RevisionLink(repository, d);
        }
        if (key.startsWith(TAGS, tail)) {
            return classifyTagKey(key, repository, tail + TAGS.length());
        }
        if (key.startsWith(UPLOADS, tail)) {
            int idStart = tail + UPLOADS.length();
            int idEnd = key.indexOf('/', idStart);
            if (idEnd <= idStart || idEnd == key.length() - 1 || key.endsWith("/") || key.contains("//")) {
                return null;
            }
            return new RegistryKey.Upload(repository, key.substring(idStart, idEnd), key.substring(idEnd + 1));
        }
        return null;
    }

    private static RegistryKey classifyTagKey(String key, String repository, int tagStart) {
        int tagEnd = key.indexOf('/', tagStart);
        if (tagEnd < 0) {
            return null;
        }
        String tag = key.substring(tagStart, tagEnd);
        if (!isValidTagName(tag)) {
            return null;
        }
        if (key.length() == tagEnd + CURRENT_LINK.length() && key.endsWith(CURRENT_LINK)) {
            return new RegistryKey.TagCurrentLink(repository, tag);
        }
        if (key.startsWith(INDEX, tagEnd)) {
            Digest d = digestThenSuffix(key, tagEnd + INDEX.length(), LINK);
            return d == null ? null : new RegistryKey.TagIndexLink(repository, tag, d);
        }
        return null;
    }

    /** Parses {@code <alg>/<hex><suffix>} ending the key exactly at {@code from}, or null. */
    private static Digest digestThenSuffix(String key, int from, String suffix) {
        int algEnd = key.indexOf('/', from);
        if (algEnd < 0) {
            return null;
        }
        String algorithm = key.substring(from, algEnd);
        int hexLength = Digest.hexLength(algorithm);
        int hexStart = algEnd + 1;
        int hexEnd = hexStart + hexLength;
        if (hexLength < 0 || key.length() != hexEnd + suffix.length() || !key.startsWith(suffix, hexEnd)
                || !Digest.isLowerHex(key, hexStart, hexEnd)) {
            return null;
        }
        return new Digest(algorithm, key.substring(hexStart, hexEnd));
    }
}
