package org.jenkinsci;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Stub of {@code org.jenkinsci.Symbol} (symbol-annotation). Upstream it is also meta-annotated with
 * annotation-indexer's {@code @Indexed}, which is not on Maven Central; that only affects the runtime index, not
 * compilation.
 */
@Retention(RUNTIME)
@Target({TYPE})
@Documented
public @interface Symbol {
    String[] value();
}
