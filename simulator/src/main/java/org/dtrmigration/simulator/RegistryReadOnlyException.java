package org.dtrmigration.simulator;

import java.io.IOException;

/** A push refused because the replica it landed on is read-only (the registry answers 405). */
public class RegistryReadOnlyException extends IOException {
    private static final long serialVersionUID = 1L;

    public RegistryReadOnlyException(String replica) {
        super("denied: registry is in read-only mode on replica " + replica + " (405 Method Not Allowed)");
    }
}
