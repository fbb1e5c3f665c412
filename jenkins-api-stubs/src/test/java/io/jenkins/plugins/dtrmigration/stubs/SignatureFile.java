package io.jenkins.plugins.dtrmigration.stubs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed signature file: one declaration a line, {@code KIND owner | declaration [@Deprecated] [@Restricted]},
 * where KIND is TYPE, CTOR, METHOD or FIELD, owner is the binary class name ({@code Outer$Inner}) and every type is
 * written by its simple name.
 */
final class SignatureFile {

    /** One declaration of the file; {@link #decl} is already {@linkplain Declarations#normalize normalized}. */
    record Entry(String kind, String owner, String decl, boolean deprecated, boolean restricted, String line) {
        /** The comparison key: the line without its {@code @Restricted} marker, modifiers in canonical order. */
        String key() {
            return Declarations.key(kind, owner, decl, deprecated);
        }
    }

    private final List<Entry> entries;
    private final Set<String> allowedKeys = new HashSet<>();
    private final Set<String> restrictedKeys = new HashSet<>();
    private final Map<String, List<Entry>> typesByOwner = new LinkedHashMap<>();
    private final Set<String> ownersWithConstructors = new HashSet<>();

    private SignatureFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            (e.restricted() ? restrictedKeys : allowedKeys).add(e.key());
            if (e.kind().equals("TYPE")) {
                typesByOwner.computeIfAbsent(e.owner(), k -> new ArrayList<>()).add(e);
            } else if (e.kind().equals("CTOR")) {
                ownersWithConstructors.add(e.owner());
            }
        }
    }

    static SignatureFile load(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(r.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SignatureFile parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf(" | ");
            if (bar < 0) {
                throw new IllegalArgumentException("Not a signature line: " + raw);
            }
            String[] head = line.substring(0, bar).split(" ");
            if (head.length != 2 || !Set.of("TYPE", "CTOR", "METHOD", "FIELD").contains(head[0])) {
                throw new IllegalArgumentException("Not a signature line: " + raw);
            }
            String decl = line.substring(bar + 3);
            boolean deprecated = false;
            boolean restricted = false;
            while (true) {
                if (decl.endsWith(" @Restricted")) {
                    restricted = true;
                    decl = decl.substring(0, decl.length() - " @Restricted".length());
                } else if (decl.endsWith(" @Deprecated")) {
                    deprecated = true;
                    decl = decl.substring(0, decl.length() - " @Deprecated".length());
                } else {
                    break;
                }
            }
            entries.add(new Entry(head[0], head[1], Declarations.normalize(head[0], decl), deprecated, restricted,
                    line));
        }
        return new SignatureFile(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    boolean isAllowed(String key) {
        return allowedKeys.contains(key);
    }

    boolean isRestricted(String key) {
        return restrictedKeys.contains(key);
    }

    List<Entry> types(String owner) {
        return typesByOwner.getOrDefault(owner, Collections.emptyList());
    }

    boolean hasConstructors(String owner) {
        return ownersWithConstructors.contains(owner);
    }
}
