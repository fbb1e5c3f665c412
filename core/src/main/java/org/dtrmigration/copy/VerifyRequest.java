package org.dtrmigration.copy;

import java.io.Serializable;
import java.util.Objects;

/** A verification that {@code to} is an exact copy of {@code from}; validated like a {@link CopyRequest}. */
public record VerifyRequest(Endpoint from, Endpoint to, VerifyOptions options) implements Serializable {
    private static final long serialVersionUID = 1L;

    public VerifyRequest {
        if (from == null) {
            throw new IllegalArgumentException("from: the source storage location is required");
        }
        if (to == null) {
            throw new IllegalArgumentException("to: the destination storage location is required");
        }
        Objects.requireNonNull(options, "options");
        CopyRequest.checkDisjoint(from, to);
    }
}
