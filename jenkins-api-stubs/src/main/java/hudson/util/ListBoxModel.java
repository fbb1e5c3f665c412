package hudson.util;

import hudson.model.ModelObject;
import java.util.ArrayList;
import java.util.Collection;

/**
 * Stub of {@code hudson.util.ListBoxModel} (jenkins-core), with a subset of its supertypes. Constructors do nothing
 * (the inherited {@link ArrayList} stays empty); every declared method throws.
 */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {

    /** Stub of {@code hudson.util.ListBoxModel.Option}. */
    public static final class Option {
        public Option(String name, String value) {
        }

        public Option(String name) {
        }

        public Option(String name, String value, boolean selected) {
        }
    }

    public ListBoxModel(int initialCapacity) {
    }

    public ListBoxModel() {
    }

    public ListBoxModel(Collection<Option> c) {
    }

    public ListBoxModel(Option... data) {
    }

    public void add(String name, String value) {
        throw new UnsupportedOperationException();
    }

    public void add(ModelObject usedForDisplayName, String value) {
        throw new UnsupportedOperationException();
    }

    public ListBoxModel add(String nameAndValue) {
        throw new UnsupportedOperationException();
    }
}
