package org.dtrmigration.copy;

import java.io.Serializable;
import java.util.Objects;

/**
 * A copy of one registry root to another, complete with credentials: what the CLI builds from its
 * options and the plugin sends to an agent. Validated here, before any I/O: both sides present, the
 * credentials fit the backends, and the roots do not overlap.
 *
 * @param from    the source, never written
 * @param to      the destination
 * @param options what to copy and how
 */
public record CopyRequest(Endpoint from, Endpoint to, CopyOptions options) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CopyRequest {
        if (from == null) {
            throw new IllegalArgumentException("from: the source storage location is required");
        }
        if (to == null) {
            throw new IllegalArgumentException("to: the destination storage location is required");
        }
        Objects.requireNonNull(options, "options");
        checkDisjoint(from, to);
    }

    static void checkDisjoint(Endpoint from, Endpoint to) {
        Overlap.between(from, to).ifPresent(where -> {
            throw new IllegalArgumentException(to.parameter() + ": " + to.location().toUri() + " overlaps " + from.parameter() + " "
                    + from.location().toUri() + " (" + where + "): one root would contain the other, so the copy would write "
                    + "into the source; choose a destination outside the source root");
        });
    }
}
