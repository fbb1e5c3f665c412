package org.jenkinsci.remoting;

/**
 * Stub of {@code org.jenkinsci.remoting.Role} (remoting). Constructors do nothing; {@code equals}, {@code hashCode}
 * and {@code toString} are not stubbed, so roles compare by identity here.
 */
public final class Role {
    public Role(String name) {
    }

    public Role(Class<?> name) {
    }

    public String getName() {
        throw new UnsupportedOperationException();
    }

    public static final Role UNKNOWN = new Role("unknown");
}
