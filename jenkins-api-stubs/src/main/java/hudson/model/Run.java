package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.ExtensionPoint;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import jenkins.util.io.OnMaster;
import org.springframework.security.access.AccessDeniedException;

/**
 * Stub of {@code hudson.model.Run} (jenkins-core), with a subset of its supertypes: constructors do nothing, every
 * method throws. Permission constants are distinct placeholder instances.
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        implements ExtensionPoint, AccessControlled, PersistenceRoot, OnMaster {

    protected Run(@NonNull JobT job) throws IOException {
    }

    @CheckForNull
    public Result getResult() {
        throw new UnsupportedOperationException();
    }

    public void setResult(@NonNull Result r) {
        throw new UnsupportedOperationException();
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException();
    }

    public boolean isInProgress() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public JobT getParent() {
        throw new UnsupportedOperationException();
    }

    public final long getTimeInMillis() {
        throw new UnsupportedOperationException();
    }

    public final long getStartTimeInMillis() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String getDescription() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getFullDisplayName() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public int getNumber() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getUrl() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getId() {
        throw new UnsupportedOperationException();
    }

    @Override
    public File getRootDir() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public InputStream getLogInputStream() throws IOException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public EnvVars getEnvironment(@NonNull TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getExternalizableId() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static Run<?, ?> fromExternalizableId(String id) throws AccessDeniedException, IllegalArgumentException {
        throw new UnsupportedOperationException();
    }

    @SuppressWarnings("deprecation")
    public static final Permission DELETE = new Permission(null, "Delete", null);

    @SuppressWarnings("deprecation")
    public static final Permission UPDATE = new Permission(null, "Update", null);

    @SuppressWarnings("deprecation")
    public static final Permission ARTIFACTS = new Permission(null, "Artifacts", null);
}
