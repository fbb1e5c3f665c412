package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.context.SecurityContext;

/**
 * Stub of {@code hudson.security.ACLContext} (jenkins-core). The private constructor only suppresses an implicit one
 * and is not API.
 */
public class ACLContext implements AutoCloseable {
    private ACLContext() {
    }

    @NonNull
    public SecurityContext getPreviousContext2() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }
}
