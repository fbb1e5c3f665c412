package jenkins.security;

import org.jenkinsci.remoting.Role;

/**
 * Stub of {@code jenkins.security.Roles} (jenkins-core). The constants are distinct placeholder instances; the
 * private constructor only suppresses an implicit one and is not API.
 */
public class Roles {
    private Roles() {
    }

    public static final Role MASTER = new Role("master");

    public static final Role SLAVE = new Role("slave");
}
