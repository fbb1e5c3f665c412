package io.jenkins.plugins.dtrmigration;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;

import hudson.util.FormValidation;
import java.util.IdentityHashMap;
import java.util.Map;
import org.mockito.MockedStatic;

/**
 * Stands in for {@link FormValidation}'s factories (which throw in the stubs): every {@code ok}, {@code warning} and
 * {@code error} returns a fresh mock and records what it would show, so tests can assert kind and message.
 */
final class FormValidations implements AutoCloseable {

    /** What the form would show under the field. {@code message} is null for a plain {@code ok()}. */
    record Shown(FormValidation.Kind kind, String message) {
        static Shown ok() {
            return new Shown(FormValidation.Kind.OK, null);
        }

        static Shown warning(String message) {
            return new Shown(FormValidation.Kind.WARNING, message);
        }

        static Shown error(String message) {
            return new Shown(FormValidation.Kind.ERROR, message);
        }
    }

    private final MockedStatic<FormValidation> statics = mockStatic(FormValidation.class);
    private final Map<FormValidation, Shown> shown = new IdentityHashMap<>();

    FormValidations() {
        statics.when(FormValidation::ok).thenAnswer(inv -> record(Shown.ok()));
        statics.when(() -> FormValidation.ok(anyString()))
                .thenAnswer(inv -> record(new Shown(FormValidation.Kind.OK, inv.getArgument(0))));
        statics.when(() -> FormValidation.warning(anyString())).thenAnswer(inv -> record(Shown.warning(inv.getArgument(0))));
        statics.when(() -> FormValidation.error(anyString())).thenAnswer(inv -> record(Shown.error(inv.getArgument(0))));
    }

    private FormValidation record(Shown s) {
        FormValidation v = mock(FormValidation.class);
        shown.put(v, s);
        return v;
    }

    /** What {@code v} shows; fails if {@code v} came from anything but the recorded factories. */
    Shown of(FormValidation v) {
        Shown s = shown.get(v);
        if (s == null) {
            throw new AssertionError("not created by FormValidation.ok/warning/error(String): " + v);
        }
        return s;
    }

    @Override
    public void close() {
        statics.close();
    }
}
