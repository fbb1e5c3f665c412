package hudson.model;

import java.io.File;

/** Stub of {@code hudson.model.PersistenceRoot} (jenkins-core). */
public interface PersistenceRoot extends Saveable {
    File getRootDir();
}
