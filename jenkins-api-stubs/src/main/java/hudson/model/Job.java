package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.ExtensionPoint;
import java.io.File;
import java.io.IOException;

/**
 * Stub of {@code hudson.model.Job} (jenkins-core), with a subset of its supertypes: constructors do nothing, every
 * method throws.
 */
@SuppressWarnings("rawtypes")
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem
        implements ExtensionPoint {

    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }

    public boolean isInQueue() {
        throw new UnsupportedOperationException();
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException();
    }

    public int getNextBuildNumber() {
        throw new UnsupportedOperationException();
    }

    public EnvVars getEnvironment(@CheckForNull Node node, TaskListener listener)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public abstract boolean isBuildable();

    public RunT getBuild(String id) {
        throw new UnsupportedOperationException();
    }

    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException();
    }

    public File getBuildDir() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public RunT getLastBuild() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public RunT getFirstBuild() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public RunT getLastSuccessfulBuild() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public RunT getLastCompletedBuild() {
        throw new UnsupportedOperationException();
    }
}
