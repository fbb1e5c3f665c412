package org.dtrmigration.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.layout.RegistryKey;
import org.dtrmigration.layout.RegistryLayout;
import org.dtrmigration.storage.ObjectInfo;
import org.dtrmigration.storage.ObjectListing;
import org.dtrmigration.storage.ObjectStore;

/**
 * A simple exact-copy check: merge-joins the two registry trees' sorted listings and compares keys,
 * sizes and the content of link files (a moved tag changes a link's content, not its size). Blob
 * data is content-addressed, so same key and size means same blob. Abandoned uploads
 * ({@code _uploads/}) are skipped: the registry never serves them. Objects only in the destination
 * count as differences too. The storage copier's verifier is meant to replace this one.
 */
public final class ExactCopyVerification implements DestinationVerification {

    static final int LISTED = 50;

    @Override
    public Verdict verify(ObjectStore source, ObjectStore destination, EventSink events) throws IOException {
        List<String> differences = new ArrayList<>();
        long count = 0;
        long bytes = 0;
        long diffCount = 0;
        try (ObjectListing a = source.list(RegistryLayout.ROOT); ObjectListing b = destination.list(RegistryLayout.ROOT)) {
            ObjectInfo x = next(a);
            ObjectInfo y = next(b);
            while (x != null || y != null) {
                int c = x == null ? 1 : y == null ? -1 : compareUtf8(x.key(), y.key());
                String problem = null;
                if (c < 0) {
                    problem = x.key() + " is missing in the destination";
                    count++;
                    x = next(a);
                } else if (c > 0) {
                    problem = y.key() + " is only in the destination";
                    y = next(b);
                } else {
                    count++;
                    bytes += x.size();
                    if (x.size() != y.size()) {
                        problem = x.key() + " has " + y.size() + " bytes in the destination, " + x.size() + " in the source";
                    } else if (isLink(x.key()) && !Arrays.equals(source.readAllBytes(x.key()), destination.readAllBytes(y.key()))) {
                        problem = x.key() + " points elsewhere in the destination ("
                                + new String(destination.readAllBytes(y.key()), StandardCharsets.US_ASCII) + ")";
                    }
                    x = next(a);
                    y = next(b);
                }
                if (problem != null) {
                    diffCount++;
                    if (differences.size() < LISTED) {
                        differences.add(problem);
                    }
                }
                if (count % 10_000 == 0 && count > 0) {
                    events.progress("Comparing storage: " + count + " objects, " + bytes + " bytes, " + diffCount + " difference(s)");
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Verdict verdict = new Verdict(diffCount == 0, count, bytes, diffCount, differences);
        events.info("Destination " + destination.describe() + " against " + source.describe() + ": " + verdict.summary());
        return verdict;
    }

    /** The next object that is not part of an upload, or null at the end. */
    private static ObjectInfo next(ObjectListing listing) {
        while (listing.hasNext()) {
            ObjectInfo info = listing.next();
            if (!(RegistryLayout.classify(info.key()) instanceof RegistryKey.Upload)) {
                return info;
            }
        }
        return null;
    }

    private static boolean isLink(String key) {
        RegistryKey k = RegistryLayout.classify(key);
        return k instanceof RegistryKey.LayerLink || k instanceof RegistryKey.RevisionLink
                || k instanceof RegistryKey.TagCurrentLink || k instanceof RegistryKey.TagIndexLink;
    }

    /** Listings are in UTF-8 byte order, which differs from String order outside the BMP. */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
