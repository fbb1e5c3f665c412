package hudson;

/** Stub of {@code hudson.ExtensionPoint} (jenkins-core): marker interface. */
public interface ExtensionPoint {
}
