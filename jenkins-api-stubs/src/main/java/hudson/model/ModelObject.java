package hudson.model;

/** Stub of {@code hudson.model.ModelObject} (jenkins-core). */
public interface ModelObject {
    String getDisplayName();
}
