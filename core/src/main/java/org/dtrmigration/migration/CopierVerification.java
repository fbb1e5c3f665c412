package org.dtrmigration.migration;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.dtrmigration.copy.Difference;
import org.dtrmigration.copy.ReadOnlyStore;
import org.dtrmigration.copy.Verifier;
import org.dtrmigration.copy.VerifyOptions;
import org.dtrmigration.copy.VerifyReport;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.storage.ObjectStore;

/**
 * The exact-copy proof a storage switch needs (MSR 2.9 refuses anything less), made by the storage copier's
 * {@link Verifier}: the same check as {@code dtrVerifyStorage}, listings merged per repository in parallel, link
 * contents compared by the MD5s the listings carry, and every link's target checked in the destination. It runs
 * inside the read-only window, so its speed is the window's length.
 */
public final class CopierVerification implements DestinationVerification {

    /** How many differences the verdict names (all are counted). */
    static final int LISTED = 50;

    private final VerifyOptions options;

    public CopierVerification(VerifyOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Verdict verify(ObjectStore source, ObjectStore destination, EventSink events) throws IOException {
        // Read-only views: neither side is written, whatever the verifier's code paths do.
        VerifyReport report = new Verifier(options, events).verify(ReadOnlyStore.of(source), ReadOnlyStore.of(destination), null);
        List<String> differences = report.differences().stream().limit(LISTED).map(Difference::toString).toList();
        return new Verdict(report.clean(), report.sourceObjects(), report.sourceBytes(), report.differenceCount(), differences);
    }
}
