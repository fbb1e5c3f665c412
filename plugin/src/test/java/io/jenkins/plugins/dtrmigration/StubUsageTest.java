package io.jenkins.plugins.dtrmigration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * No dead stubs: every class of {@code jenkins-api-stubs} must be needed by the plugin. A stub is needed when the
 * plugin's classes (main or test) refer to it anywhere (supertypes, signatures, generic signatures, annotations,
 * instructions, constants), or when a needed stub refers to it (its supertypes and member signatures need it to
 * compile). Nested stubs count as their top-level class, as they live in its source file.
 *
 * <p>{@link #RESERVED} lists the stubs that steps on other branches use; it must shrink as they are merged.
 */
class StubUsageTest {

    /**
     * Stubs no merged code uses yet, kept for the steps being written on other branches (and the reason). Remove an
     * entry as soon as plugin code uses the stub; the test fails when an entry is stale either way.
     */
    static final Map<String, String> RESERVED = Map.of();

    static Map<String, byte[]> stubs;
    static Set<String> roots;

    @BeforeAll
    static void read() throws Exception {
        stubs = classFiles(codeSource(Class.forName("hudson.FilePath", false, StubUsageTest.class.getClassLoader())));
        assertThat(stubs).as("stub classes").hasSizeGreaterThan(50);
        roots = new TreeSet<>();
        Path main = codeSource(DtrApiStep.class);
        Path test = codeSource(StubUsageTest.class);
        for (Path dir : Set.of(main, test)) {
            for (Map.Entry<String, byte[]> c : classFiles(dir).entrySet()) {
                if (!c.getKey().startsWith(StubUsageTest.class.getName())) {
                    roots.addAll(references(c.getValue()));
                }
            }
        }
    }

    @Test
    void referencesAreReadFromBytecode() {
        // Plain uses, a generic signature only (Map<String, Object> results from DtrCallable), and a permission constant.
        assertThat(roots).contains("hudson.FilePath", "jenkins.MasterToSlaveFileCallable", "hudson.model.Item",
                "com.cloudbees.plugins.credentials.common.StandardListBoxModel", "org.kohsuke.stapler.verb.POST");
    }

    @Test
    void everyStubIsNeededOrReservedForAStepInFlight() {
        Set<String> reserved = new TreeSet<>(RESERVED.keySet());
        Set<String> neededOrReserved = closure(union(roots, reserved));
        Set<String> dead = new TreeSet<>(topLevel(stubs.keySet()));
        dead.removeAll(neededOrReserved);
        assertThat(dead).as("stubs nothing in the plugin needs: delete them (and their lines in jenkins-api-stubs"
                + " StubSignatureTest.REQUIRED_TYPES), or reserve them in RESERVED with the step that will use them").isEmpty();

        Set<String> stale = new TreeSet<>(reserved);
        stale.retainAll(closure(roots));
        assertThat(stale).as("RESERVED stubs that plugin code now needs: remove them from RESERVED").isEmpty();
        assertThat(topLevel(stubs.keySet())).as("RESERVED stubs must exist").containsAll(reserved);
    }

    @Test
    void theClosureFollowsStubsIntoStubs() {
        Set<String> needed = closure(roots);
        // StepDescriptor extends Descriptor; nothing in the plugin names Descriptor itself.
        assertThat(roots).doesNotContain("hudson.model.Descriptor");
        assertThat(needed).contains("hudson.model.Descriptor", "org.jenkinsci.plugins.workflow.steps.StepDescriptor");
    }

    /** Top-level stub classes needed from {@code start}: those it names and, transitively, those they name. */
    static Set<String> closure(Set<String> start) {
        Map<String, Set<String>> refsByTopLevel = new HashMap<>();
        for (Map.Entry<String, byte[]> s : stubs.entrySet()) {
            refsByTopLevel.computeIfAbsent(topLevel(s.getKey()), k -> new HashSet<>()).addAll(references(s.getValue()));
        }
        Set<String> needed = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String r : start) {
            String t = topLevel(r);
            if (refsByTopLevel.containsKey(t) && needed.add(t)) {
                todo.add(t);
            }
        }
        while (!todo.isEmpty()) {
            for (String r : refsByTopLevel.get(todo.pop())) {
                String t = topLevel(r);
                if (refsByTopLevel.containsKey(t) && needed.add(t)) {
                    todo.add(t);
                }
            }
        }
        return needed;
    }

    /** Every class name a class file mentions, as binary names ({@code a.b.C$D}). */
    static Set<String> references(byte[] classFile) {
        Set<String> names = new HashSet<>();
        Remapper collector = new Remapper() {
            @Override
            public String map(String internalName) {
                names.add(internalName.replace('/', '.'));
                return internalName;
            }
        };
        new ClassReader(classFile).accept(new ClassRemapper(new ClassWriter(0), collector), 0);
        return names;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    static String topLevel(String binaryName) {
        int dollar = binaryName.indexOf('$');
        return dollar < 0 ? binaryName : binaryName.substring(0, dollar);
    }

    static Set<String> topLevel(Set<String> binaryNames) {
        Set<String> t = new TreeSet<>();
        binaryNames.forEach(n -> t.add(topLevel(n)));
        return t;
    }

    static Path codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Class files of a directory or jar, by binary name. */
    static Map<String, byte[]> classFiles(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                    files.put(binaryName(root.relativize(f).toString().replace(root.getFileSystem().getSeparator(), "/")),
                            Files.readAllBytes(f));
                }
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                for (JarEntry e : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        files.put(binaryName(e.getName()), in.readAllBytes());
                    }
                }
            }
        }
        files.keySet().removeIf(n -> n.endsWith("module-info") || n.endsWith("package-info"));
        return files;
    }

    static String binaryName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
