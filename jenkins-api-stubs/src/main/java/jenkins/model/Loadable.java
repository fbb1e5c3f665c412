package jenkins.model;

import java.io.IOException;

/** Stub of {@code jenkins.model.Loadable} (jenkins-core). */
public interface Loadable {
    void load() throws IOException;
}
