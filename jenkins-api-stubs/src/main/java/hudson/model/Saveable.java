package hudson.model;

import java.io.IOException;

/** Stub of {@code hudson.model.Saveable} (jenkins-core). {@link #NOOP} is {@code null}. */
public interface Saveable {
    void save() throws IOException;

    Saveable NOOP = null;
}
