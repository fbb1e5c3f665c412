package org.dtrmigration.migration;

import java.io.IOException;
import java.util.List;
import org.dtrmigration.events.EventSink;
import org.dtrmigration.storage.ObjectStore;

/**
 * Decides whether a destination store holds an exact copy of a source store, as MSR 2.9 requires of
 * a new storage backend. {@link CopierVerification} makes the proof with the storage copier's verifier; tests
 * may stand in their own.
 */
public interface DestinationVerification {

    /** Compares the two stores; never writes to either. */
    Verdict verify(ObjectStore source, ObjectStore destination, EventSink events) throws IOException;

    /**
     * The outcome.
     *
     * @param differences the first differences found (a bounded list), each naming a key and what differs
     */
    record Verdict(boolean exactCopy, long objectsCompared, long bytesCompared, long differenceCount, List<String> differences) {
        public Verdict {
            differences = List.copyOf(differences);
        }

        public String summary() {
            return exactCopy ? "exact copy: " + objectsCompared + " objects, " + bytesCompared + " bytes"
                    : "not an exact copy: " + differenceCount + " difference(s) among " + objectsCompared + " objects, e.g. "
                    + String.join("; ", differences.subList(0, Math.min(5, differences.size())));
        }
    }
}
