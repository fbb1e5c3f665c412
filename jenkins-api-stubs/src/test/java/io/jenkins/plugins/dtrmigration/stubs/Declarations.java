package io.jenkins.plugins.dtrmigration.stubs;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders reflected declarations in the exact format of the signature file, and normalizes lines of that file.
 *
 * <p>Format: modifiers (implicit interface modifiers explicit: {@code public abstract} methods, {@code public default}
 * methods, {@code public static final} fields), type parameters, types by simple name ({@code Option}, not
 * {@code ListBoxModel.Option}), generic arguments separated by {@code ", "}, varargs as {@code ...}, parameter names
 * left out, {@code throws} in declaration order, annotation elements with a default value ending in {@code default}.
 */
final class Declarations {

    /** Canonical modifier order (that of {@link Modifier#toString}, plus {@code default} for interface methods). */
    private static final List<String> MODIFIER_ORDER = List.of("public", "protected", "private", "abstract",
            "default", "static", "final", "transient", "volatile", "synchronized", "native", "strictfp", "sealed",
            "non-sealed");

    /** Kinds of type declaration whose {@code static} is always implicit when nested. */
    private static final Set<String> IMPLICITLY_STATIC_KINDS = Set.of("interface", "@interface", "enum", "record");

    private Declarations() {
    }

    static String key(String kind, String owner, String decl, boolean deprecated) {
        return kind + " " + owner + " | " + decl + (deprecated ? " @Deprecated" : "");
    }

    /**
     * Puts the leading modifiers of a declaration in canonical order. Modifier order carries no meaning, and the file
     * keeps the source order ({@code public static abstract class TailCall}, {@code public final static class
     * Helpers}). For nested interfaces, annotations, enums and records {@code static} is implicit and the file writes
     * it only where the source (or an enclosing interface) does, so it is dropped on both sides; so are the implicit
     * {@code abstract} of interfaces and the {@code final}/{@code abstract} javac gives enums. Nothing else is
     * changed, so the comparison stays exact.
     */
    static String normalize(String kind, String decl) {
        String[] tokens = decl.split(" ", -1);
        int n = 0;
        while (n < tokens.length && MODIFIER_ORDER.contains(tokens[n])) {
            n++;
        }
        List<String> mods = new ArrayList<>(Arrays.asList(tokens).subList(0, n));
        if (kind.equals("TYPE") && n < tokens.length) {
            String typeKind = tokens[n];
            if (IMPLICITLY_STATIC_KINDS.contains(typeKind)) {
                mods.remove("static");
            }
            if (typeKind.equals("interface") || typeKind.equals("@interface") || typeKind.equals("enum")) {
                mods.remove("abstract");
            }
            if (typeKind.equals("enum") || typeKind.equals("record")) {
                mods.remove("final");
            }
        }
        mods.sort((a, b) -> Integer.compare(MODIFIER_ORDER.indexOf(a), MODIFIER_ORDER.indexOf(b)));
        List<String> out = new ArrayList<>(mods);
        out.addAll(Arrays.asList(tokens).subList(n, tokens.length));
        return String.join(" ", out);
    }

    // ---------------------------------------------------------------- types

    static String type(Type t) {
        if (t instanceof Class<?> c) {
            return c.isArray() ? type(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        if (t instanceof ParameterizedType p) {
            return type(p.getRawType()) + "<" + join(p.getActualTypeArguments()) + ">";
        }
        if (t instanceof TypeVariable<?> v) {
            return v.getName();
        }
        if (t instanceof WildcardType w) {
            if (w.getLowerBounds().length > 0) {
                return "? super " + joinBounds(w.getLowerBounds());
            }
            Type[] upper = w.getUpperBounds();
            if (upper.length == 0 || (upper.length == 1 && upper[0] == Object.class)) {
                return "?";
            }
            return "? extends " + joinBounds(upper);
        }
        if (t instanceof GenericArrayType g) {
            return type(g.getGenericComponentType()) + "[]";
        }
        throw new IllegalArgumentException("Unknown type " + t);
    }

    private static String join(Type[] types) {
        return Arrays.stream(types).map(Declarations::type).collect(Collectors.joining(", "));
    }

    private static String joinBounds(Type[] types) {
        return Arrays.stream(types).map(Declarations::type).collect(Collectors.joining(" & "));
    }

    static String typeParameters(TypeVariable<?>[] vars) {
        if (vars.length == 0) {
            return "";
        }
        return Arrays.stream(vars).map(v -> {
            Type[] b = v.getBounds();
            boolean plain = b.length == 0 || (b.length == 1 && b[0] == Object.class);
            return plain ? v.getName() : v.getName() + " extends " + joinBounds(b);
        }).collect(Collectors.joining(", ", "<", ">"));
    }

    // ---------------------------------------------------------------- type declarations

    /** The parts of a TYPE declaration: header (modifiers, kind, name, type parameters) and direct supertypes. */
    record TypeDecl(String header, String superclass, List<String> interfaces) {
        String render() {
            StringBuilder sb = new StringBuilder(header);
            boolean isInterface = header.contains(" interface ") || header.startsWith("interface ");
            if (isInterface) {
                if (!interfaces.isEmpty()) {
                    sb.append(" extends ").append(String.join(", ", interfaces));
                }
            } else {
                if (superclass != null) {
                    sb.append(" extends ").append(superclass);
                }
                if (!interfaces.isEmpty()) {
                    sb.append(" implements ").append(String.join(", ", interfaces));
                }
            }
            return sb.toString();
        }
    }

    static String typeKind(Class<?> c) {
        if (c.isAnnotation()) {
            return "@interface";
        }
        if (c.isInterface()) {
            return "interface";
        }
        if (c.isEnum()) {
            return "enum";
        }
        if (c.isRecord()) {
            return "record";
        }
        return "class";
    }

    static TypeDecl typeDecl(Class<?> c) {
        int m = c.getModifiers();
        String kind = typeKind(c);
        List<String> mods = new ArrayList<>();
        access(m, mods);
        if (kind.equals("class")) {
            if (Modifier.isAbstract(m)) {
                mods.add("abstract");
            }
            if (Modifier.isStatic(m)) {
                mods.add("static");
            }
            if (Modifier.isFinal(m)) {
                mods.add("final");
            }
        }
        mods.add(kind);
        String header = normalize("TYPE", String.join(" ", mods) + " " + c.getSimpleName()
                + typeParameters(c.getTypeParameters()));
        String superclass = null;
        if (kind.equals("class")) {
            Type sc = c.getGenericSuperclass();
            if (sc != null && sc != Object.class) {
                superclass = type(sc);
            }
        }
        List<String> interfaces = new ArrayList<>();
        if (!c.isAnnotation()) { // every annotation interface implicitly extends java.lang.annotation.Annotation
            for (Type i : c.getGenericInterfaces()) {
                interfaces.add(type(i));
            }
        }
        return new TypeDecl(header, superclass, interfaces);
    }

    /** Splits a (normalized) TYPE declaration of the file into header and supertypes. */
    static TypeDecl parseTypeDecl(String decl) {
        List<int[]> cuts = new ArrayList<>(); // [position, 0=extends 1=implements]
        int depth = 0;
        for (int i = 0; i < decl.length(); i++) {
            char ch = decl.charAt(i);
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth--;
            } else if (depth == 0 && decl.startsWith(" extends ", i)) {
                cuts.add(new int[] {i, 0});
            } else if (depth == 0 && decl.startsWith(" implements ", i)) {
                cuts.add(new int[] {i, 1});
            }
        }
        String header = cuts.isEmpty() ? decl : decl.substring(0, cuts.get(0)[0]);
        boolean isInterface = header.contains(" interface ") || header.startsWith("interface ");
        String superclass = null;
        List<String> interfaces = new ArrayList<>();
        for (int k = 0; k < cuts.size(); k++) {
            int[] cut = cuts.get(k);
            int start = cut[0] + (cut[1] == 0 ? " extends ".length() : " implements ".length());
            int end = k + 1 < cuts.size() ? cuts.get(k + 1)[0] : decl.length();
            List<String> list = splitTopLevel(decl.substring(start, end));
            if (cut[1] == 0 && !isInterface) {
                superclass = list.get(0);
            } else {
                interfaces.addAll(list);
            }
        }
        return new TypeDecl(header, superclass, interfaces);
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }

    // ---------------------------------------------------------------- members

    private static void access(int m, List<String> mods) {
        if (Modifier.isPublic(m)) {
            mods.add("public");
        } else if (Modifier.isProtected(m)) {
            mods.add("protected");
        } else if (Modifier.isPrivate(m)) {
            mods.add("private");
        }
    }

    static String constructor(Constructor<?> c) {
        List<String> mods = new ArrayList<>();
        access(c.getModifiers(), mods);
        String tp = typeParameters(c.getTypeParameters());
        return prefix(mods) + (tp.isEmpty() ? "" : tp + " ") + c.getDeclaringClass().getSimpleName()
                + parameters(c) + exceptions(c);
    }

    static String method(Method m) {
        int mod = m.getModifiers();
        List<String> mods = new ArrayList<>();
        access(mod, mods);
        if (m.isDefault()) {
            mods.add("default");
        }
        if (Modifier.isAbstract(mod)) {
            mods.add("abstract");
        }
        if (Modifier.isStatic(mod)) {
            mods.add("static");
        }
        if (Modifier.isFinal(mod)) {
            mods.add("final");
        }
        // synchronized/native/strictfp are implementation details, not part of a signature: never rendered.
        String tp = typeParameters(m.getTypeParameters());
        String s = prefix(mods) + (tp.isEmpty() ? "" : tp + " ") + type(m.getGenericReturnType()) + " " + m.getName()
                + parameters(m) + exceptions(m);
        if (m.getDeclaringClass().isAnnotation() && m.getDefaultValue() != null) {
            s += " default";
        }
        return normalize("METHOD", s);
    }

    static String field(Field f) {
        int mod = f.getModifiers();
        List<String> mods = new ArrayList<>();
        access(mod, mods);
        if (Modifier.isStatic(mod)) {
            mods.add("static");
        }
        if (Modifier.isFinal(mod)) {
            mods.add("final");
        }
        // transient/volatile are implementation details: never rendered.
        return prefix(mods) + type(f.getGenericType()) + " " + f.getName();
    }

    private static String prefix(List<String> mods) {
        return mods.isEmpty() ? "" : String.join(" ", mods) + " ";
    }

    /**
     * The source-level parameters. Left out: synthetic parameters (javac's name/ordinal of enum constructors, captured
     * variables), and the outer instance javac prepends to the constructor of an inner (non-static member) class. The
     * module is compiled with {@code -parameters}, so javac records that outer instance as {@linkplain
     * Parameter#isImplicit() implicit}; without that record it is recognised by its position and type. Other
     * mandated parameters (e.g. the {@code String} of an enum's {@code valueOf}) are real parameters and stay.
     */
    static String parameters(Executable e) {
        List<Parameter> ps = new ArrayList<>(Arrays.asList(e.getParameters()));
        ps.removeIf(Parameter::isSynthetic);
        Class<?> owner = e.getDeclaringClass();
        if (e instanceof Constructor<?> && owner.isMemberClass() && !Modifier.isStatic(owner.getModifiers())
                && !ps.isEmpty() && ps.get(0).getType() == owner.getEnclosingClass()
                && (ps.get(0).isImplicit() || !ps.get(0).isNamePresent())) {
            ps.remove(0);
        }
        List<String> rendered = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Type t = ps.get(i).getParameterizedType();
            if (e.isVarArgs() && i == ps.size() - 1) {
                Type component = t instanceof GenericArrayType g ? g.getGenericComponentType()
                        : ((Class<?>) t).getComponentType();
                rendered.add(type(component) + "...");
            } else {
                rendered.add(type(t));
            }
        }
        return "(" + String.join(", ", rendered) + ")";
    }

    private static String exceptions(Executable e) {
        Type[] ex = e.getGenericExceptionTypes();
        return ex.length == 0 ? "" : " throws " + join(ex);
    }
}
