package hudson.model;

/** Stub of {@code hudson.model.Describable} (jenkins-core). */
public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
