package io.jenkins.plugins.dtrmigration.stubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds every class compiled from the stub sources: those next to a known stub class on the test classpath. */
final class StubClasses {
    private StubClasses() {
    }

    /** The classpath root (directory or jar) that holds {@code anchor}. */
    static Path rootOf(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads (without initializing) every class under the classpath root of {@code anchor}, sorted by name. */
    static List<Class<?>> loadAll(Class<?> anchor) {
        Path root = rootOf(anchor);
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(p -> p.toString().endsWith(".class"))
                            .map(p -> root.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "/"))
                            .forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String n : names) {
            if (n.endsWith("module-info.class") || n.endsWith("package-info.class")) {
                continue;
            }
            String binaryName = n.substring(0, n.length() - ".class".length()).replace('/', '.');
            try {
                classes.add(Class.forName(binaryName, false, anchor.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Cannot load " + binaryName, e);
            }
        }
        classes.sort(Comparator.comparing(Class::getName));
        return classes;
    }
}
