package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;
import jenkins.util.io.OnMaster;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * Stub of {@code jenkins.model.Jenkins} (jenkins-core), with a subset of its supertypes. {@code checkPermission} and
 * {@code hasPermission} come from {@link AccessControlled}. Permission constants are distinct placeholder instances;
 * {@link #ANONYMOUS2} is {@code null}. The private constructor only suppresses an implicit one and is not API.
 */
public class Jenkins implements AccessControlled, OnMaster {
    private Jenkins() {
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public <T extends Item> T getItemByFullName(@NonNull String fullName, Class<T> type)
            throws AccessDeniedException {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public Item getItemByFullName(String fullName) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public File getRootDir() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public String getFullName() {
        throw new UnsupportedOperationException();
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static Authentication getAuthentication2() {
        throw new UnsupportedOperationException();
    }

    @SuppressWarnings("deprecation")
    public static final Permission ADMINISTER = new Permission(null, "Administer", null);

    @SuppressWarnings("deprecation")
    public static final Permission SYSTEM_READ = new Permission(null, "SystemRead", null);

    @SuppressWarnings("deprecation")
    public static final Permission READ = new Permission(null, "Read", null);

    public static final Authentication ANONYMOUS2 = null;
}
