package org.dtrmigration.copy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.dtrmigration.storage.AzureLocation;
import org.dtrmigration.storage.FilesystemLocation;
import org.dtrmigration.storage.S3Location;

/**
 * Whether two endpoints share storage: the same backend, and one root is the other or lies inside it.
 * Copying between such roots would write into the source (or delete from it with --delete).
 */
final class Overlap {

    private Overlap() {
    }

    /** Why the two overlap, or empty when they cannot. */
    static Optional<String> between(Endpoint a, Endpoint b) {
        if (a.location() instanceof FilesystemLocation fa && b.location() instanceof FilesystemLocation fb) {
            Path pa = real(fa.toPath());
            Path pb = real(fb.toPath());
            return nested(pa.startsWith(pb) || pb.startsWith(pa), "the same directory tree");
        }
        if (a.location() instanceof S3Location sa && b.location() instanceof S3Location sb) {
            boolean sameBucket = sa.bucket().equals(sb.bucket()) && Objects.equals(host(sa.endpoint()), host(sb.endpoint()));
            return nested(sameBucket && prefixesNest(sa.prefix(), sb.prefix()), "bucket '" + sa.bucket() + "'");
        }
        if (a.location() instanceof AzureLocation za && b.location() instanceof AzureLocation zb) {
            boolean sameAccount;
            if (za.endpoint() != null && zb.endpoint() != null) {
                sameAccount = host(za.endpoint()).equals(host(zb.endpoint()));
            } else if (za.account() != null && zb.account() != null) {
                sameAccount = za.account().equals(zb.account());
            } else {
                sameAccount = a.credentials().equals(b.credentials()); // both from one connection string
            }
            boolean same = sameAccount && za.container().equals(zb.container()) && za.legacyRootPrefix() == zb.legacyRootPrefix();
            return nested(same && prefixesNest(za.prefix(), zb.prefix()), "container '" + za.container() + "'");
        }
        return Optional.empty();
    }

    private static Optional<String> nested(boolean overlaps, String where) {
        return overlaps ? Optional.of(where) : Optional.empty();
    }

    /** Prefixes are '/'-separated paths without leading or trailing '/'; "" is the whole bucket. */
    private static boolean prefixesNest(String a, String b) {
        return a.isEmpty() || b.isEmpty() || a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    /** The endpoint without a trailing slash, lower-cased host; null for AWS itself. */
    private static String host(URI endpoint) {
        if (endpoint == null) {
            return "";
        }
        String text = endpoint.toString().toLowerCase(Locale.ROOT);
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** Resolves symbolic links of the longest existing ancestor, so two spellings of one directory compare equal. */
    private static Path real(Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p));
        } catch (IOException e) {
            return p;
        }
    }
}
