package hudson.util;

import java.io.File;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Stub of {@code hudson.util.ArgumentListBuilder} (jenkins-core): constructors do nothing, every method throws
 * ({@code toString()} and {@code clone()} are not stubbed).
 */
public class ArgumentListBuilder implements Serializable, Cloneable {
    public ArgumentListBuilder() {
    }

    public ArgumentListBuilder(String... args) {
    }

    public ArgumentListBuilder add(Object a) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder add(Object a, boolean mask) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder add(File f) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder add(String a) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder add(String a, boolean mask) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder prepend(String... args) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder addQuoted(String a) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder addQuoted(String a, boolean mask) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder add(String... args) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder add(Iterable<String> args) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder addTokenized(String s) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder addKeyValuePair(String prefix, String key, String value, boolean mask) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder addKeyValuePairs(String prefix, Map<String, String> props) {
        throw new UnsupportedOperationException();
    }

    public String[] toCommandArray() {
        throw new UnsupportedOperationException();
    }

    public void clear() {
        throw new UnsupportedOperationException();
    }

    public List<String> toList() {
        throw new UnsupportedOperationException();
    }

    public String toStringWithQuote() {
        throw new UnsupportedOperationException();
    }

    public boolean hasMaskedArguments() {
        throw new UnsupportedOperationException();
    }

    public boolean[] toMaskArray() {
        throw new UnsupportedOperationException();
    }

    public void addMasked(String string) {
        throw new UnsupportedOperationException();
    }

    public ArgumentListBuilder addMasked(Secret s) {
        throw new UnsupportedOperationException();
    }
}
