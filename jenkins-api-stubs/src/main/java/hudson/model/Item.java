package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.util.io.OnMaster;

/**
 * Stub of {@code hudson.model.Item} (jenkins-core), with a subset of its supertypes. Permission constants are distinct
 * placeholder instances.
 */
@SuppressWarnings("deprecation")
public interface Item extends PersistenceRoot, AccessControlled, OnMaster {
    ItemGroup<? extends Item> getParent();

    String getName();

    String getFullName();

    String getDisplayName();

    String getFullDisplayName();

    String getUrl();

    String getShortUrl();

    Permission CREATE = new Permission(null, "Create", null);
    Permission DELETE = new Permission(null, "Delete", null);
    Permission CONFIGURE = new Permission(null, "Configure", null);
    Permission READ = new Permission(null, "Read", null);
    Permission DISCOVER = new Permission(null, "Discover", null);
    Permission EXTENDED_READ = new Permission(null, "ExtendedRead", null);
    Permission BUILD = new Permission(null, "Build", null);
    Permission WORKSPACE = new Permission(null, "Workspace", null);
    Permission WIPEOUT = new Permission(null, "WipeOut", null);
    Permission CANCEL = new Permission(null, "Cancel", null);
}
