package hudson.model;

import hudson.security.ACL;
import java.io.File;
import java.io.IOException;

/**
 * Stub of {@code hudson.model.AbstractItem} (jenkins-core), with a subset of its supertypes: constructors do nothing,
 * every method throws.
 */
@SuppressWarnings("rawtypes")
public abstract class AbstractItem implements Item {
    protected AbstractItem(ItemGroup parent, String name) {
    }

    @Override
    public String getName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public File getRootDir() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ItemGroup getParent() {
        throw new UnsupportedOperationException();
    }

    public String getDescription() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final String getFullDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final String getUrl() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getShortUrl() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException();
    }

    public void delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }
}
