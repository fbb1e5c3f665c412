package org.dtrmigration.migration;

import java.io.IOException;

/**
 * A guard refused to go on: a precondition of a destructive or tag-losing step does not hold. Thrown
 * before the step changes anything; the message says what is wrong and how to fix it.
 */
public final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(message);
    }
}
