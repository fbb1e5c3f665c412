package hudson.model;

/**
 * Stub of {@code hudson.model.AbstractDescribableImpl} (jenkins-core). The implicit public constructor exists
 * upstream too.
 */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
