package io.jenkins.plugins.dtrmigration;

import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Stands in for structs' DescribableModel, which the stubbed build lacks and which the real {@code StepDescriptor.newInstance}
 * uses: binds named arguments to a step's {@code @DataBoundConstructor} and {@code @DataBoundSetter}s by name, text
 * becoming String, and refuses unknown names as DescribableModel does without a build log. Enough to run a storage
 * descriptor's {@code newInstance} as a Jenkinsfile call would; the JenkinsRule tests run it with the real one.
 */
final class DataBinding {

    private DataBinding() {
    }

    /** What a Jenkinsfile's call builds: the descriptor's {@code newInstance}, with this class playing DescribableModel. */
    static <S extends StorageStep> S newInstance(StorageStepDescriptor descriptor, Class<S> type, Map<String, Object> arguments)
            throws Exception {
        StorageStepDescriptor d = spy(descriptor);
        doAnswer(inv -> instantiate(type, inv.getArgument(0))).when(d).instantiate(anyMap());
        return type.cast(d.newInstance(arguments));
    }

    static <T> T instantiate(Class<T> type, Map<String, Object> arguments) throws Exception {
        Set<String> unknown = new TreeSet<>(arguments.keySet());
        Constructor<?> constructor = Arrays.stream(type.getConstructors())
                .filter(k -> k.getAnnotation(DataBoundConstructor.class) != null).findFirst()
                .orElseThrow(() -> new AssertionError(type + " has no @DataBoundConstructor"));
        Parameter[] parameters = constructor.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            values[i] = coerce(type, parameters[i].getName(), parameters[i].getType(), arguments.get(parameters[i].getName()));
            unknown.remove(parameters[i].getName());
        }
        T o = type.cast(invoke(() -> constructor.newInstance(values)));
        for (Method m : type.getMethods()) {
            if (m.getAnnotation(DataBoundSetter.class) == null) {
                continue;
            }
            String name = m.getName().substring(3, 4).toLowerCase(Locale.ROOT) + m.getName().substring(4);
            if (arguments.containsKey(name)) {
                Object value = coerce(type, name, m.getParameterTypes()[0], arguments.get(name));
                invoke(() -> m.invoke(o, value));
                unknown.remove(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("WARNING: Unknown parameter(s) found for class type '" + type.getName() + "': "
                    + String.join(",", unknown));
        }
        return o;
    }

    private static Object coerce(Class<?> type, String name, Class<?> target, Object value) {
        if (value instanceof CharSequence text && target == String.class) {
            return text.toString();
        }
        if (value == null || target.isPrimitive() || target.isInstance(value)) {
            return value;
        }
        throw new ClassCastException(type.getName() + "." + name + " expects " + target + " but received " + value.getClass());
    }

    private interface Reflective {
        Object call() throws ReflectiveOperationException;
    }

    private static Object invoke(Reflective call) throws Exception {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
