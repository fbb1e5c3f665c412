package org.dtrmigration.layout;

import java.util.Objects;

/**
 * What a storage key is, in registry terms. Obtained from {@link RegistryLayout#classify(String)};
 * every typed value rebuilds exactly the key it was parsed from through {@link #key()}.
 */
public sealed interface RegistryKey {

    /** The storage key, relative to the registry root. */
    String key();

    /** The kind of key, for {@code switch} statements (Java 17 has no pattern switch). */
    Kind kind();

    /** Every kind of key {@link RegistryLayout#classify(String)} tells apart. */
    enum Kind {
        BLOB_DATA, LAYER_LINK, REVISION_LINK, TAG_CURRENT_LINK, TAG_INDEX_LINK, UPLOAD, OTHER
    }

    /** Small mutable pointer files (71 bytes, {@code sha256:<hex>}), compared by content when copying. */
    default boolean isLink() {
        return false;
    }

    /** {@code blobs/<alg>/<hex[0:2]>/<hex>/data}: immutable, content-addressed. */
    record BlobData(Digest digest) implements RegistryKey {
        public BlobData {
            Objects.requireNonNull(digest, "digest");
        }

        @Override
        public Kind kind() {
            return Kind.BLOB_DATA;
        }

        @Override
        public String key() {
            return RegistryLayout.blobData(digest);
        }
    }

    /** {@code repositories/<repo>/_layers/<alg>/<hex>/link}: the repository may use the blob. */
    record LayerLink(String repository, Digest digest) implements RegistryKey {
        public LayerLink {
            RegistryLayout.requireRepositoryName(repository);
            Objects.requireNonNull(digest, "digest");
        }

        @Override
        public Kind kind() {
            return Kind.LAYER_LINK;
        }

        @Override
        public String key() {
            return RegistryLayout.layerLink(repository, digest);
        }

        @Override
        public boolean isLink() {
            return true;
        }
    }

    /** {@code repositories/<repo>/_manifests/revisions/<alg>/<hex>/link}: a manifest of the repository. */
    record RevisionLink(String repository, Digest digest) implements RegistryKey {
        public RevisionLink {
            RegistryLayout.requireRepositoryName(repository);
            Objects.requireNonNull(digest, "digest");
        }

        @Override
        public Kind kind() {
            return Kind.REVISION_LINK;
        }

        @Override
        public String key() {
            return RegistryLayout.revisionLink(repository, digest);
        }

        @Override
        public boolean isLink() {
            return true;
        }
    }

    /** {@code repositories/<repo>/_manifests/tags/<tag>/current/link}: what the tag points at now. */
    record TagCurrentLink(String repository, String tag) implements RegistryKey {
        public TagCurrentLink {
            RegistryLayout.requireRepositoryName(repository);
            RegistryLayout.requireTagName(tag);
        }

        @Override
        public Kind kind() {
            return Kind.TAG_CURRENT_LINK;
        }

        @Override
        public String key() {
            return RegistryLayout.tagCurrentLink(repository, tag);
        }

        @Override
        public boolean isLink() {
            return true;
        }
    }

    /** {@code repositories/<repo>/_manifests/tags/<tag>/index/<alg>/<hex>/link}: the tag's history. */
    record TagIndexLink(String repository, String tag, Digest digest) implements RegistryKey {
        public TagIndexLink {
            RegistryLayout.requireRepositoryName(repository);
            RegistryLayout.requireTagName(tag);
            Objects.requireNonNull(digest, "digest");
        }

        @Override
        public Kind kind() {
            return Kind.TAG_INDEX_LINK;
        }

        @Override
        public String key() {
            return RegistryLayout.tagIndexLink(repository, tag, digest);
        }

        @Override
        public boolean isLink() {
            return true;
        }
    }

    /**
     * {@code repositories/<repo>/_uploads/<uploadId>/<file>}: an in-progress or abandoned upload
     * ({@code data}, {@code startedat}, {@code hashstates/sha256/<offset>}).
     */
    record Upload(String repository, String uploadId, String file) implements RegistryKey {
        public Upload {
            RegistryLayout.requireRepositoryName(repository);
            if (uploadId == null || uploadId.isEmpty() || uploadId.indexOf('/') >= 0) {
                throw new IllegalArgumentException("invalid upload id: '" + uploadId + "'");
            }
            if (file == null || file.isEmpty() || file.startsWith("/") || file.endsWith("/")) {
                throw new IllegalArgumentException("invalid upload file: '" + file + "'");
            }
        }

        @Override
        public Kind kind() {
            return Kind.UPLOAD;
        }

        @Override
        public String key() {
            return RegistryLayout.upload(repository, uploadId, file);
        }
    }

    /** Anything else: outside the v2 tree, malformed, or a file distribution does not write. */
    record Other(String key) implements RegistryKey {
        public Other {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public Kind kind() {
            return Kind.OTHER;
        }
    }
}
