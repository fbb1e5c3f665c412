package org.dtrmigration.copy;

import java.io.IOException;

/** The source of a copy or verification is not a registry root: it holds no {@code docker/registry/v2/}. */
public final class StorageRootException extends IOException {
    private static final long serialVersionUID = 1L;

    StorageRootException(String message) {
        super(message);
    }
}
