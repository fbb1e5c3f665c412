package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.FilePath;
import hudson.Launcher;
import hudson.remoting.VirtualChannel;
import jenkins.util.io.OnMaster;

/**
 * Stub of {@code hudson.model.Node} (jenkins-core), with a subset of its supertypes. The private constructor only
 * suppresses an implicit one and is not API (mock it instead).
 */
public abstract class Node implements ExtensionPoint, OnMaster {
    private Node() {
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public abstract String getNodeName();

    public abstract String getNodeDescription();

    @NonNull
    public abstract Launcher createLauncher(TaskListener listener);

    public abstract int getNumExecutors();

    @CheckForNull
    public final Computer toComputer() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public final VirtualChannel getChannel() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public abstract FilePath getRootPath();

    @CheckForNull
    public FilePath createPath(String absolutePath) {
        throw new UnsupportedOperationException();
    }

    public abstract String getLabelString();
}
