package io.jenkins.plugins.dtrmigration.stubs;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Checks compiled stub classes against a {@link SignatureFile}: every type declaration, constructor, method and field
 * a stub declares must be a declaration of the file (a stub may leave out members, and supertypes of a type), and
 * none may be one the file marks {@code @Restricted}.
 *
 * <p>What is not checked, because it is not written by the stub author but added by javac:
 * <ul>
 *   <li>synthetic members and classes ({@link Member#isSynthetic()}, {@link Class#isSynthetic()}): bridge methods of
 *       covariant or generic overrides, {@code $VALUES}/{@code $values()} of enums, lambda bodies, switch maps;</li>
 *   <li>the mandated {@code public static E[] values()} and {@code public static E valueOf(String)} of every enum
 *       (the file does not list them);</li>
 *   <li>the implicit default constructor of a class whose upstream source declares no constructor either, which
 *       the file (parsed from sources) does not list: accepted only for the owners named in the allow-list, only when
 *       the file has no constructor for that owner, and only with the class's own access and no parameters.</li>
 * </ul>
 * Private constructors are accepted (they are not API; a stub uses one to avoid an implicit public constructor the
 * real class may not have), and so are the private fields named in the data-holder list (state a real data holder
 * keeps the same way). Any other private or package-private member, any non-public/protected type, and any anonymous
 * or local class is reported: the file lists only public and protected API.
 */
final class StubChecker {

    private final SignatureFile file;
    private final Set<String> implicitDefaultConstructorOwners;
    private final Set<String> dataHolderFields;

    /**
     * @param implicitDefaultConstructorOwners binary names of types whose implicit default constructor is accepted
     * @param dataHolderFields private fields ({@code owner#name}) accepted as data-holder state
     */
    StubChecker(SignatureFile file, Set<String> implicitDefaultConstructorOwners, Set<String> dataHolderFields) {
        this.file = file;
        this.implicitDefaultConstructorOwners = Set.copyOf(implicitDefaultConstructorOwners);
        this.dataHolderFields = Set.copyOf(dataHolderFields);
    }

    /** Returns one line per problem; empty when every class conforms. */
    List<String> check(Collection<Class<?>> classes) {
        List<String> problems = new ArrayList<>();
        for (Class<?> c : classes) {
            checkClass(c, problems);
        }
        return problems;
    }

    private void checkClass(Class<?> c, List<String> problems) {
        String owner = c.getName();
        if (c.isSynthetic()) {
            return; // e.g. switch-map holders javac adds
        }
        if (c.isAnonymousClass() || c.isLocalClass()) {
            problems.add("NOT API: anonymous or local class " + owner + " (stubs must not contain any)");
            return;
        }
        int mod = c.getModifiers();
        if (!Modifier.isPublic(mod) && !Modifier.isProtected(mod)) {
            problems.add("NOT API: type " + owner + " is neither public nor protected");
            return;
        }
        checkType(c, problems);
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (k.isSynthetic()) {
                continue;
            }
            if (Modifier.isPrivate(k.getModifiers())) {
                continue; // not API: only suppresses an implicit constructor
            }
            if (!isApi(k.getModifiers())) {
                problems.add("NOT API: package-private constructor " + owner + "#" + Declarations.constructor(k));
                continue;
            }
            String key = Declarations.key("CTOR", owner, Declarations.constructor(k), deprecated(k));
            if (!file.isAllowed(key) && !isImplicitDefaultConstructor(c, k)) {
                report(key, problems);
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.isSynthetic() || isMandatedEnumMethod(c, m)) {
                continue;
            }
            if (!isApi(m.getModifiers())) {
                problems.add("NOT API: non-public/protected method " + owner + "#" + m.getName());
                continue;
            }
            report(Declarations.key("METHOD", owner, Declarations.method(m), deprecated(m)), problems);
        }
        for (Field f : c.getDeclaredFields()) {
            if (f.isSynthetic()
                    || (Modifier.isPrivate(f.getModifiers()) && dataHolderFields.contains(owner + "#" + f.getName()))) {
                continue;
            }
            if (!isApi(f.getModifiers())) {
                problems.add("NOT API: non-public/protected field " + owner + "#" + f.getName());
                continue;
            }
            report(Declarations.key("FIELD", owner, Declarations.field(f), deprecated(f)), problems);
        }
    }

    private void checkType(Class<?> c, List<String> problems) {
        String owner = c.getName();
        Declarations.TypeDecl stub = Declarations.typeDecl(c);
        boolean deprecated = deprecated(c);
        String rendered = Declarations.key("TYPE", owner, stub.render(), deprecated);
        List<SignatureFile.Entry> candidates = file.types(owner);
        if (candidates.isEmpty()) {
            problems.add("NOT IN API: " + rendered);
            return;
        }
        for (SignatureFile.Entry e : candidates) {
            Declarations.TypeDecl real = Declarations.parseTypeDecl(e.decl());
            boolean matches = real.header().equals(stub.header())
                    && e.deprecated() == deprecated
                    && (stub.superclass() == null || stub.superclass().equals(real.superclass()))
                    && real.interfaces().containsAll(stub.interfaces());
            if (matches) {
                if (e.restricted()) {
                    problems.add("RESTRICTED: " + rendered + "   (file has: " + e.line() + ")");
                }
                return;
            }
        }
        StringBuilder sb = new StringBuilder("NOT IN API: ").append(rendered).append("   (file has:");
        for (SignatureFile.Entry e : candidates) {
            sb.append(' ').append(e.line());
        }
        problems.add(sb.append(")").toString());
    }

    private void report(String key, List<String> problems) {
        if (file.isAllowed(key)) {
            return;
        }
        problems.add((file.isRestricted(key) ? "RESTRICTED: " : "NOT IN API: ") + key);
    }

    private boolean isImplicitDefaultConstructor(Class<?> c, Constructor<?> k) {
        int classAccess = c.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.PRIVATE);
        int ctorAccess = k.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.PRIVATE);
        return implicitDefaultConstructorOwners.contains(c.getName())
                && !file.hasConstructors(c.getName())
                && Declarations.parameters(k).equals("()")
                && k.getExceptionTypes().length == 0
                && classAccess == ctorAccess
                && !deprecated(k);
    }

    private static boolean isMandatedEnumMethod(Class<?> c, Method m) {
        if (!c.isEnum() || !Modifier.isStatic(m.getModifiers())) {
            return false;
        }
        return (m.getName().equals("values") && m.getParameterCount() == 0 && m.getReturnType() == c.arrayType())
                || (m.getName().equals("valueOf") && m.getReturnType() == c
                        && List.of(m.getParameterTypes()).equals(List.of(String.class)));
    }

    private static boolean isApi(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean deprecated(AnnotatedElement e) {
        return e.isAnnotationPresent(Deprecated.class);
    }
}
