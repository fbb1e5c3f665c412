package hudson.util;

import java.io.IOException;
import java.util.Collection;

/**
 * Stub of {@code hudson.util.FormValidation} (jenkins-core), with a subset of its supertypes. Every factory method
 * throws. The private constructor only suppresses an implicit one and is not API.
 */
public abstract class FormValidation extends IOException {
    private FormValidation() {
    }

    /** Stub of {@code hudson.util.FormValidation.Kind}. */
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException();
    }

    public static FormValidation error(String format, Object... args) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(String format, Object... args) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok(String format, Object... args) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation error(Throwable e, String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(Throwable e, String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation aggregate(Collection<FormValidation> validations) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation errorWithMarkup(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warningWithMarkup(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation okWithMarkup(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation respond(Kind kind, String html) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation validateNonNegativeInteger(String value) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation validateIntegerInRange(String value, int lower, int upper) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation validatePositiveInteger(String value) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation validateRequired(String value) {
        throw new UnsupportedOperationException();
    }

    public abstract String renderHtml();
}
