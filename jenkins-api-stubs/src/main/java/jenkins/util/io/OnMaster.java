package jenkins.util.io;

/** Stub of {@code jenkins.util.io.OnMaster} (jenkins-core): marker interface. */
public interface OnMaster {
}
