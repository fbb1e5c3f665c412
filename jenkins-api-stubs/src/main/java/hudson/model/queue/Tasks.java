package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue.Task;
import org.springframework.security.core.Authentication;

/**
 * Stub of {@code hudson.model.queue.Tasks} (jenkins-core). The private constructor only suppresses an implicit one
 * and is not API.
 */
public class Tasks {
    private Tasks() {
    }

    @NonNull
    public static Authentication getAuthenticationOf2(@NonNull Task t) {
        throw new UnsupportedOperationException();
    }
}
