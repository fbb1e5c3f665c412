package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;

/** Stub of {@code hudson.model.Descriptor} (jenkins-core): constructors do nothing, every method throws. */
public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {

    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public String getId() {
        throw new UnsupportedOperationException();
    }

    public Class<T> getT() {
        throw new UnsupportedOperationException();
    }

    public String getDescriptorUrl() {
        throw new UnsupportedOperationException();
    }

    public final String getDescriptorFullUrl() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String getHelpFile() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String getHelpFile(String fieldName) {
        throw new UnsupportedOperationException();
    }

    public final boolean isInstance(T instance) {
        throw new UnsupportedOperationException();
    }

    public String getConfigPage() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void save() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void load() {
        throw new UnsupportedOperationException();
    }
}
