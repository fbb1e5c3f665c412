package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.Authentication;

/**
 * Stub of {@code hudson.model.Queue} (jenkins-core), present only as the owner of {@link Task}. The private
 * constructor only suppresses an implicit one and is not API.
 */
public class Queue {
    private Queue() {
    }

    /** Stub of {@code hudson.model.Queue.Task}, with a subset of its supertypes. */
    public interface Task extends ModelObject {
        String getName();

        String getFullDisplayName();

        String getUrl();

        @NonNull
        default Authentication getDefaultAuthentication2() {
            throw new UnsupportedOperationException();
        }

        @NonNull
        default Authentication getDefaultAuthentication2(Item item) {
            throw new UnsupportedOperationException();
        }
    }
}
