package io.jenkins.plugins.dtrmigration.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Stubs carry no behaviour: every concrete method body is exactly {@code throw new UnsupportedOperationException();},
 * and a constructor body does nothing but hand its arguments (or nulls) to {@code super(...)} (and, for an inner class,
 * let javac store the outer instance). The only exception is data-holder state listed in
 * {@link StubSignatureTest#DATA_HOLDER_FIELDS}: a constructor may store its argument there, and the getter listed in
 * {@link #DATA_HOLDER_GETTERS} may be exactly {@code return this.field;}. Static initializers (the placeholder
 * constants) are not checked here.
 */
class NoBehaviourTest {

    private static final String UOE = "java/lang/UnsupportedOperationException";

    /** Getter ({@code owner#method}) to the data-holder field it may return. */
    static final Map<String, String> DATA_HOLDER_GETTERS = Map.of(
            "org.jenkinsci.plugins.workflow.steps.StepExecution#getContext",
            "org.jenkinsci.plugins.workflow.steps.StepExecution#context");

    @Test
    void everyStubMethodThrowsAndEveryConstructorOnlyCallsSuper() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Class<?>> stubs = StubClasses.loadAll(hudson.FilePath.class);
        for (Class<?> c : stubs) {
            problems.addAll(check(c, StubSignatureTest.DATA_HOLDER_FIELDS, DATA_HOLDER_GETTERS));
        }
        assertThat(stubs).hasSizeGreaterThan(50);
        assertThat(problems).isEmpty();
        assertThat(StubSignatureTest.DATA_HOLDER_FIELDS).containsAll(DATA_HOLDER_GETTERS.values());
    }

    @Test
    void dataHolderIsAcceptedOnlyWhenListed() throws IOException {
        String holder = Holder.class.getName();
        assertThat(check(Holder.class, Set.of(holder + "#value"), Map.of(holder + "#getValue", holder + "#value")))
                .isEmpty();
        assertThat(check(Holder.class, Set.of(), Map.of())).containsExactlyInAnyOrder(
                holder + "#<init>(Ljava/lang/String;)V: constructor does more than call super",
                holder + "#getValue()Ljava/lang/String;: body is not 'throw new UnsupportedOperationException()'");
    }

    /** Fixture data holder. */
    public static class Holder {
        private String value;

        public Holder(String value) {
            this.value = value;
        }

        public String getValue() {
            return value;
        }
    }

    @Test
    void behaviourIsDetected() throws IOException {
        assertThat(check(WithBehaviour.class)).containsExactlyInAnyOrder(
                WithBehaviour.class.getName() + "#<init>(Ljava/lang/String;)V: constructor does more than call super",
                WithBehaviour.class.getName() + "#answer()I: body is not 'throw new UnsupportedOperationException()'",
                WithBehaviour.class.getName() + "#fail()V: body is not 'throw new UnsupportedOperationException()'");
        assertThat(check(WithoutBehaviour.class)).isEmpty();
    }

    /** Fixture with behaviour in a constructor and in two methods. */
    public static class WithBehaviour {
        private String name;

        public WithBehaviour(String name) {
            this.name = name;
        }

        public int answer() {
            return 42;
        }

        public void fail() {
            throw new IllegalStateException();
        }

        public void ok() {
            throw new UnsupportedOperationException();
        }
    }

    /** Fixture without behaviour. */
    public static class WithoutBehaviour extends Exception {
        public WithoutBehaviour(String message, Throwable cause) {
            super(message, cause);
        }

        public WithoutBehaviour() {
            super((String) null);
        }

        public int answer() {
            throw new UnsupportedOperationException();
        }
    }

    static List<String> check(Class<?> c) throws IOException {
        return check(c, Set.of(), Map.of());
    }

    static List<String> check(Class<?> c, Set<String> dataHolderFields, Map<String, String> getters)
            throws IOException {
        ClassFile cf;
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            cf = ClassFile.read(in);
        }
        List<String> problems = new ArrayList<>();
        boolean isEnum = (cf.access & ClassFile.ACC_ENUM) != 0;
        for (ClassFile.MethodInfo m : cf.methods) {
            String where = c.getName() + "#" + m.name() + m.descriptor();
            if ((m.access() & (ClassFile.ACC_ABSTRACT | ClassFile.ACC_NATIVE)) != 0 || m.name().equals("<clinit>")) {
                continue;
            }
            // javac-generated: bridges, lambdas, enum $values(); and the mandated enum values()/valueOf(String).
            if ((m.access() & ClassFile.ACC_SYNTHETIC) != 0
                    || (isEnum && (m.name().equals("values") && m.descriptor().startsWith("()[")
                            || m.name().equals("valueOf") && m.descriptor().startsWith("(Ljava/lang/String;)")))) {
                continue;
            }
            if (m.name().equals("<init>")) {
                if (!onlyCallsSuper(cf, m.code(), dataHolderFields)) {
                    problems.add(where + ": constructor does more than call super");
                }
            } else if (!throwsUoe(cf, m.code())
                    && !returnsField(cf, m.code(), getters.get(c.getName() + "#" + m.name()))) {
                problems.add(where + ": body is not 'throw new UnsupportedOperationException()'");
            }
        }
        return problems;
    }

    /** new UOE; dup; invokespecial UOE.&lt;init&gt;()V; athrow. */
    private static boolean throwsUoe(ClassFile cf, byte[] code) {
        if (code == null || code.length != 8) {
            return false;
        }
        int b0 = code[0] & 0xff;
        int b3 = code[3] & 0xff;
        int b4 = code[4] & 0xff;
        int b7 = code[7] & 0xff;
        if (b0 != 0xbb || b3 != 0x59 || b4 != 0xb7 || b7 != 0xbf) {
            return false;
        }
        String[] init = cf.memberRef(u2(code, 5));
        return cf.className(u2(code, 1)).equals(UOE)
                && init[0].equals(UOE) && init[1].equals("<init>") && init[2].equals("()V");
    }

    /** aload_0; getfield field; areturn (or ireturn/lreturn/freturn/dreturn), where field is the listed one. */
    private static boolean returnsField(ClassFile cf, byte[] code, String field) {
        if (field == null || code == null || code.length != 5) {
            return false;
        }
        int op = code[4] & 0xff;
        if ((code[0] & 0xff) != 0x2a || (code[1] & 0xff) != 0xb4 || op < 0xac || op > 0xb0) {
            return false;
        }
        String[] ref = cf.memberRef(u2(code, 2));
        return (ref[0].replace('/', '.') + "#" + ref[1]).equals(field);
    }

    /**
     * Only loads of {@code this}/arguments/null/constants, casts, one {@code invokespecial <init>}, stores into
     * javac's synthetic {@code this$N} field or a listed data-holder field, and {@code return}.
     */
    private static boolean onlyCallsSuper(ClassFile cf, byte[] code, Set<String> dataHolderFields) {
        int superCalls = 0;
        int i = 0;
        while (i < code.length) {
            int op = code[i] & 0xff;
            if (op == 0x01 || (op >= 0x02 && op <= 0x0f) || (op >= 0x1a && op <= 0x2d) || op == 0x59) {
                i += 1; // aconst_null, iconst/lconst/fconst/dconst, xload_n, dup
            } else if (op == 0x10 || op == 0x12 || (op >= 0x15 && op <= 0x19)) {
                i += 2; // bipush, ldc, xload idx
            } else if (op == 0x11 || op == 0x13 || op == 0x14 || op == 0xc0) {
                i += 3; // sipush, ldc_w, ldc2_w, checkcast
            } else if (op == 0xb7) {
                if (!cf.memberRef(u2(code, i + 1))[1].equals("<init>")) {
                    return false;
                }
                superCalls++;
                i += 3;
            } else if (op == 0xb5) {
                String[] ref = cf.memberRef(u2(code, i + 1));
                if (!ref[1].startsWith("this$") && !dataHolderFields.contains(ref[0].replace('/', '.') + "#" + ref[1])) {
                    return false;
                }
                i += 3;
            } else if (op == 0xb1) {
                i += 1;
            } else {
                return false;
            }
        }
        return superCalls == 1;
    }

    private static int u2(byte[] code, int at) {
        return ((code[at] & 0xff) << 8) | (code[at + 1] & 0xff);
    }
}
