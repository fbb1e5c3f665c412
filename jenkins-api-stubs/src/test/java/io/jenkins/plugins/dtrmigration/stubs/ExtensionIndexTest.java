package io.jenkins.plugins.dtrmigration.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import io.jenkins.plugins.dtrmigration.stubs.fixture.ExtensionFixture;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.YesNoMaybe;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import net.java.sezpoz.Indexable;
import org.junit.jupiter.api.Test;

/**
 * The stub {@link Extension} must make javac (through SezPoz's annotation processor) write the same
 * {@code META-INF/annotations/hudson.Extension} index that the real one does, so the plugin's extensions are found.
 */
class ExtensionIndexTest {

    @Test
    void extensionIsIndexableAndRuntimeRetained() throws Exception {
        assertThat(Extension.class.isAnnotationPresent(Indexable.class)).isTrue();
        assertThat(Extension.class.getAnnotation(Retention.class).value()).isEqualTo(RetentionPolicy.RUNTIME);
        assertThat(Extension.class.getAnnotation(Target.class).value())
                .containsExactlyInAnyOrder(ElementType.TYPE, ElementType.FIELD, ElementType.METHOD);
        assertThat(Extension.class.getMethod("ordinal").getDefaultValue()).isEqualTo(0.0);
        assertThat(Extension.class.getMethod("optional").getDefaultValue()).isEqualTo(false);
        assertThat(Extension.class.getMethod("dynamicLoadable").getDefaultValue()).isEqualTo(YesNoMaybe.MAYBE);
    }

    @Test
    void javacWritesTheSezPozIndexForAnnotatedTestClasses() throws Exception {
        ClassLoader loader = ExtensionIndexTest.class.getClassLoader();
        List<URL> indexes = Collections.list(loader.getResources("META-INF/annotations/hudson.Extension"));
        assertThat(indexes).as("index files on the test classpath").isNotEmpty()
                .allSatisfy(u -> assertThat(u.toString()).contains("test-classes"));

        List<String> items = new ArrayList<>();
        for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
            Extension a = item.annotation();
            items.add(item.kind() + " " + item.className() + " " + item.memberName() + " ordinal=" + a.ordinal()
                    + " optional=" + a.optional() + " dynamicLoadable=" + a.dynamicLoadable());
        }
        String fixture = ExtensionFixture.class.getName();
        assertThat(items).containsExactlyInAnyOrder(
                "TYPE " + fixture + "$Ext null ordinal=42.0 optional=false dynamicLoadable=MAYBE",
                "FIELD " + fixture + " FIELD ordinal=0.0 optional=true dynamicLoadable=MAYBE");
    }
}
