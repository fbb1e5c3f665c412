package io.jenkins.plugins.dtrmigration.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.dtrmigration.stubs.fixture.Good;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that {@link StubChecker} is strict, so that {@link StubSignatureTest} cannot pass vacuously: fixtures with
 * one deliberate defect each are reported exactly, a conforming fixture is not, and mutating single lines of the real
 * signature file makes the real stubs fail.
 */
class StubCheckerSelfTest {

    private static final String PKG = "io.jenkins.plugins.dtrmigration.stubs.fixture";

    /** The "real API" of the fixtures, in the signature-file format ({@code @.} stands for the fixture package). */
    private static final String FIXTURE_SIGNATURES = """
            TYPE @.Good | public abstract class Good<T extends Comparable<T>> extends AbstractList<T> implements Serializable, RandomAccess, Cloneable
            CTOR @.Good | protected Good(int)
            METHOD @.Good | public abstract <V, E extends Throwable> V act(Callable<V>, E[]) throws E, IOException
            METHOD @.Good | public static String join(String...)
            METHOD @.Good | public final Map<String, List<? super Integer>> legacy(Class<?>) @Deprecated
            METHOD @.Good | public void notStubbed()
            FIELD @.Good | protected static final int LIMIT
            TYPE @.Good$Nested | public static interface Nested<V> extends Supplier<V>
            METHOD @.Good$Nested | public abstract V get()
            METHOD @.Good$Nested | public default int size()
            FIELD @.Good$Nested | public static final String NAME
            TYPE @.Good$Mode | public enum Mode
            FIELD @.Good$Mode | public static final Mode A
            FIELD @.Good$Mode | public static final Mode B
            METHOD @.Good$Mode | public static Mode parse(String)
            TYPE @.Good$Marker | public @interface Marker
            METHOD @.Good$Marker | public abstract int value() default
            METHOD @.Good$Marker | public abstract String[] names()
            TYPE @.Good$Inner | public final class Inner
            CTOR @.Good$Inner | public Inner(String)
            TYPE @.Good$Implicit | public static class Implicit
            TYPE @.Good$Subset | public static abstract class Subset extends Good<String> implements Runnable, Cloneable
            TYPE @.BadFixtures$WrongReturn | public static class WrongReturn
            METHOD @.BadFixtures$WrongReturn | public long size()
            METHOD @.BadFixtures$WrongReturn | public void extra()
            TYPE @.BadFixtures$ExtraMethod | public static class ExtraMethod
            TYPE @.BadFixtures$WrongThrows | public static class WrongThrows
            METHOD @.BadFixtures$WrongThrows | public void read() throws IOException, InterruptedException
            TYPE @.BadFixtures$WrongSuperclass | public static class WrongSuperclass extends ArrayList<Integer>
            TYPE @.BadFixtures$ExtraInterface | public static class ExtraInterface implements Runnable
            METHOD @.BadFixtures$ExtraInterface | public void run()
            TYPE @.BadFixtures$WrongTypeArgument | public static class WrongTypeArgument
            METHOD @.BadFixtures$WrongTypeArgument | public List<CharSequence> names()
            TYPE @.BadFixtures$WrongWildcard | public static class WrongWildcard
            METHOD @.BadFixtures$WrongWildcard | public void addAll(List<? super Number>)
            TYPE @.BadFixtures$WrongBound | public static class WrongBound
            METHOD @.BadFixtures$WrongBound | public <T extends Comparable<T>> T pick()
            TYPE @.BadFixtures$MissingDeprecated | public static class MissingDeprecated
            METHOD @.BadFixtures$MissingDeprecated | public void old() @Deprecated
            TYPE @.BadFixtures$ExtraDeprecated | public static class ExtraDeprecated
            METHOD @.BadFixtures$ExtraDeprecated | public void current()
            TYPE @.BadFixtures$RestrictedMember | public static class RestrictedMember
            METHOD @.BadFixtures$RestrictedMember | public void internal() @Restricted
            TYPE @.BadFixtures$RestrictedType | public static class RestrictedType @Restricted
            TYPE @.BadFixtures$StaticMismatch | public static class StaticMismatch
            METHOD @.BadFixtures$StaticMismatch | public void run()
            TYPE @.BadFixtures$WrongFieldType | public static class WrongFieldType
            FIELD @.BadFixtures$WrongFieldType | public static final int LIMIT
            TYPE @.BadFixtures$NonFinalField | public static class NonFinalField
            FIELD @.BadFixtures$NonFinalField | public static final int limit
            TYPE @.BadFixtures$WrongVarargs | public static class WrongVarargs
            METHOD @.BadFixtures$WrongVarargs | public void cmds(String...)
            TYPE @.BadFixtures$WrongTypeModifiers | public abstract static class WrongTypeModifiers
            TYPE @.BadFixtures$AnnotationDefault | public static @interface AnnotationDefault
            METHOD @.BadFixtures$AnnotationDefault | public abstract int value()
            TYPE @.BadFixtures$ImplicitConstructorNotAllowListed | public static class ImplicitConstructorNotAllowListed
            TYPE @.BadFixtures$ImplicitConstructorButFileHasConstructors | public static class ImplicitConstructorButFileHasConstructors
            CTOR @.BadFixtures$ImplicitConstructorButFileHasConstructors | public ImplicitConstructorButFileHasConstructors(String)
            TYPE @.BadFixtures$PrivateHelper | public static class PrivateHelper
            TYPE @.BadFixtures$PrivateField | public static class PrivateField
            TYPE @.BadFixtures$PackagePrivateType | static class PackagePrivateType
            TYPE @.BadFixtures$WithAnonymous | public static class WithAnonymous
            FIELD @.BadFixtures$WithAnonymous | public static final Runnable TASK
            TYPE @.BadFixtures$WrongConstructorParameter | public static class WrongConstructorParameter
            CTOR @.BadFixtures$WrongConstructorParameter | public WrongConstructorParameter(int)
            """.replace("@.", PKG + ".");

    private static final StubChecker FIXTURE_CHECKER = new StubChecker(
            SignatureFile.parse(FIXTURE_SIGNATURES.lines().toList()),
            Set.of(PKG + ".Good$Implicit", PKG + ".BadFixtures$ImplicitConstructorButFileHasConstructors"),
            Set.of(PKG + ".Good#state"));

    private static final String BAD = PKG + ".BadFixtures$";

    @Test
    void conformingFixtureHasNoProblems() {
        List<Class<?>> good = new ArrayList<>(List.of(Good.class));
        good.addAll(Arrays.asList(Good.class.getDeclaredClasses()));
        assertThat(good).hasSize(7);
        assertThat(FIXTURE_CHECKER.check(good)).isEmpty();
    }

    static Stream<Arguments> badFixtures() throws ClassNotFoundException {
        return Stream.of(
                bad("WrongReturn", "NOT IN API: METHOD " + BAD + "WrongReturn | public int size()"),
                bad("ExtraMethod", "NOT IN API: METHOD " + BAD + "ExtraMethod | public void extra()"),
                bad("WrongThrows", "NOT IN API: METHOD " + BAD + "WrongThrows | public void read() throws IOException"),
                bad("WrongSuperclass", "NOT IN API: TYPE " + BAD
                        + "WrongSuperclass | public static class WrongSuperclass extends ArrayList<String>"),
                bad("ExtraInterface", "NOT IN API: TYPE " + BAD
                        + "ExtraInterface | public static class ExtraInterface implements Runnable, Serializable"),
                bad("WrongTypeArgument",
                        "NOT IN API: METHOD " + BAD + "WrongTypeArgument | public List<String> names()"),
                bad("WrongWildcard",
                        "NOT IN API: METHOD " + BAD + "WrongWildcard | public void addAll(List<? extends Number>)"),
                bad("WrongBound", "NOT IN API: METHOD " + BAD + "WrongBound | public <T extends Number> T pick()"),
                bad("MissingDeprecated", "NOT IN API: METHOD " + BAD + "MissingDeprecated | public void old()"),
                bad("ExtraDeprecated",
                        "NOT IN API: METHOD " + BAD + "ExtraDeprecated | public void current() @Deprecated"),
                bad("RestrictedMember", "RESTRICTED: METHOD " + BAD + "RestrictedMember | public void internal()"),
                bad("RestrictedType",
                        "RESTRICTED: TYPE " + BAD + "RestrictedType | public static class RestrictedType"),
                bad("StaticMismatch", "NOT IN API: METHOD " + BAD + "StaticMismatch | public static void run()"),
                bad("WrongFieldType",
                        "NOT IN API: FIELD " + BAD + "WrongFieldType | public static final long LIMIT"),
                bad("NonFinalField", "NOT IN API: FIELD " + BAD + "NonFinalField | public static int limit"),
                bad("WrongVarargs", "NOT IN API: METHOD " + BAD + "WrongVarargs | public void cmds(String[])"),
                bad("WrongTypeModifiers",
                        "NOT IN API: TYPE " + BAD + "WrongTypeModifiers | public static class WrongTypeModifiers"),
                bad("AnnotationDefault",
                        "NOT IN API: METHOD " + BAD + "AnnotationDefault | public abstract int value() default"),
                bad("ImplicitConstructorNotAllowListed", "NOT IN API: CTOR " + BAD
                        + "ImplicitConstructorNotAllowListed | public ImplicitConstructorNotAllowListed()"),
                bad("ImplicitConstructorButFileHasConstructors", "NOT IN API: CTOR " + BAD
                        + "ImplicitConstructorButFileHasConstructors | public ImplicitConstructorButFileHasConstructors()"),
                bad("PrivateHelper", "NOT API: non-public/protected method " + BAD + "PrivateHelper#helper"),
                bad("PrivateField", "NOT API: non-public/protected field " + BAD + "PrivateField#state"),
                bad("PackagePrivateType", "NOT API: type " + BAD + "PackagePrivateType is neither public nor protected"),
                bad("WithAnonymous$1",
                        "NOT API: anonymous or local class " + BAD + "WithAnonymous$1 (stubs must not contain any)"),
                bad("UnknownType", "NOT IN API: TYPE " + BAD + "UnknownType | public static class UnknownType"),
                bad("WrongConstructorParameter", "NOT IN API: CTOR " + BAD
                        + "WrongConstructorParameter | public WrongConstructorParameter(long)"));
    }

    private static Arguments bad(String nested, String expectedProblem) throws ClassNotFoundException {
        return Arguments.of(Class.forName(BAD + nested), expectedProblem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFixtures")
    void eachDefectIsReportedExactly(Class<?> fixture, String expectedProblem) {
        List<String> problems = FIXTURE_CHECKER.check(List.of(fixture));
        // TYPE problems end with the file's candidate lines for context: compare the part before them.
        assertThat(problems).map(p -> p.replaceFirst(" {3}\\(file has:.*\\)$", "")).containsExactly(expectedProblem);
    }

    @Test
    void classWithAnonymousMemberIsOtherwiseFine() throws ClassNotFoundException {
        assertThat(FIXTURE_CHECKER.check(List.of(Class.forName(BAD + "WithAnonymous")))).isEmpty();
    }

    // ------------------------------------------------------------ rendering of real stubs, verbatim

    @Test
    void renderingOfRealStubsMatchesTheFileVerbatim() throws Exception {
        List<String> raw = rawSignatureLines();
        List<String> rendered = List.of(
                // the stub leaves out the supertype HttpResponse (stapler 1903.x, not on Maven Central)
                "TYPE hudson.util.ListBoxModel | " + Declarations.typeDecl(hudson.util.ListBoxModel.class).render()
                        + " implements HttpResponse",
                "TYPE hudson.EnvVars | " + Declarations.typeDecl(hudson.EnvVars.class).render(),
                "TYPE com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel | "
                        + Declarations.typeDecl(
                                com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel.class)
                                .render(),
                "TYPE hudson.FilePath$FileCallable | "
                        + Declarations.typeDecl(hudson.FilePath.FileCallable.class).render(),
                "METHOD hudson.FilePath | " + Declarations.method(hudson.FilePath.class.getMethod("act",
                        hudson.remoting.Callable.class)),
                "METHOD org.jenkinsci.plugins.workflow.steps.StepContext | "
                        + Declarations.method(StepContext.class.getMethod("get", Class.class)),
                "METHOD org.jenkinsci.plugins.workflow.steps.StepDescriptor | "
                        + Declarations.method(StepDescriptor.class.getMethod("getRequiredContext")),
                "METHOD hudson.remoting.VirtualChannel | " + Declarations.method(
                        hudson.remoting.VirtualChannel.class.getMethod("call", hudson.remoting.Callable.class)),
                "METHOD hudson.Extension | "
                        + Declarations.method(hudson.Extension.class.getMethod("dynamicLoadable")),
                "METHOD hudson.Launcher$ProcStarter | " + Declarations.method(
                        hudson.Launcher.ProcStarter.class.getMethod("masks", boolean[].class)),
                "METHOD com.cloudbees.plugins.credentials.CredentialsProvider | " + Declarations.method(
                        com.cloudbees.plugins.credentials.CredentialsProvider.class.getMethod("findCredentialById",
                                String.class, Class.class, hudson.model.Run.class,
                                com.cloudbees.plugins.credentials.domains.DomainRequirement[].class)),
                "FIELD hudson.model.Item | " + Declarations.field(hudson.model.Item.class.getField("EXTENDED_READ")),
                "CTOR hudson.util.ListBoxModel$Option | " + Declarations.constructor(
                        hudson.util.ListBoxModel.Option.class.getConstructor(String.class, String.class)));
        assertThat(raw).containsAll(rendered);
        assertThat(rendered.get(4)).isEqualTo("METHOD hudson.FilePath | public <V, E extends Throwable> V "
                + "act(Callable<V, E>) throws E, IOException, InterruptedException");
    }

    @Test
    void fileModifierOrderIsNormalizedOnlyInOrder() {
        assertThat(Declarations.normalize("TYPE", "public static abstract class TailCall extends BodyExecutionCallback"))
                .isEqualTo("public abstract static class TailCall extends BodyExecutionCallback");
        assertThat(Declarations.normalize("TYPE", "public final static class Helpers"))
                .isEqualTo("public static final class Helpers");
        assertThat(Declarations.normalize("TYPE", "public static interface CQL extends CredentialsMatcher"))
                .isEqualTo("public interface CQL extends CredentialsMatcher");
        assertThat(Declarations.normalize("METHOD", "public abstract int priority() default"))
                .isEqualTo("public abstract int priority() default");
        assertThat(Declarations.normalize("METHOD", "public static abstract void x()"))
                .isEqualTo("public abstract static void x()");
    }

    // ------------------------------------------------------------ mutations of the real file fail the real stubs

    @Test
    void unmodifiedRealFileHasNoProblems() throws Exception {
        assertThat(realCheck(rawSignatureLines())).isEmpty();
    }

    @Test
    void removingADeclarationTheStubsUseIsReported() throws Exception {
        List<String> lines = rawSignatureLines();
        assertThat(lines.remove("METHOD hudson.FilePath | public String getRemote()")).isTrue();
        assertThat(realCheck(lines)).containsExactly("NOT IN API: METHOD hudson.FilePath | public String getRemote()");
    }

    @Test
    void markingADeclarationRestrictedIsReported() throws Exception {
        List<String> lines = rawSignatureLines();
        String line = "METHOD hudson.model.Run | public String getExternalizableId()";
        lines.set(lines.indexOf(line), line + " @Restricted");
        assertThat(realCheck(lines)).containsExactly("RESTRICTED: " + line);
    }

    @Test
    void changingThrowsInTheFileIsReported() throws Exception {
        List<String> lines = rawSignatureLines();
        String line = "METHOD hudson.FilePath | public boolean exists() throws IOException, InterruptedException";
        lines.set(lines.indexOf(line), "METHOD hudson.FilePath | public boolean exists() throws IOException");
        assertThat(realCheck(lines)).containsExactly("NOT IN API: " + line);
    }

    @Test
    void droppingASupertypeFromTheFileIsReported() throws Exception {
        List<String> lines = rawSignatureLines();
        int i = indexOfPrefix(lines, "TYPE hudson.model.Run | ");
        lines.set(i, lines.get(i).replace(" AccessControlled,", ""));
        assertThat(realCheck(lines)).singleElement().asString()
                .startsWith("NOT IN API: TYPE hudson.model.Run | public abstract class Run<JobT extends Job<JobT, RunT>,"
                        + " RunT extends Run<JobT, RunT>> implements ExtensionPoint, AccessControlled,");
    }

    @Test
    void deprecatingADeclarationInTheFileIsReported() throws Exception {
        List<String> lines = rawSignatureLines();
        String line = "METHOD org.jenkinsci.plugins.workflow.steps.StepExecution | public StepContext getContext()";
        lines.set(lines.indexOf(line), line + " @Deprecated");
        assertThat(realCheck(lines)).containsExactly("NOT IN API: " + line);
    }

    @Test
    void listingAConstructorForAnImplicitConstructorOwnerIsReported() throws Exception {
        List<String> lines = rawSignatureLines();
        lines.add("CTOR org.jenkinsci.plugins.workflow.steps.Step | protected Step()");
        assertThat(realCheck(lines))
                .containsExactly("NOT IN API: CTOR org.jenkinsci.plugins.workflow.steps.Step | public Step()");
    }

    private static List<String> realCheck(List<String> lines) {
        return new StubChecker(SignatureFile.parse(lines), StubSignatureTest.IMPLICIT_DEFAULT_CONSTRUCTORS,
                StubSignatureTest.DATA_HOLDER_FIELDS)
                .check(StubClasses.loadAll(hudson.FilePath.class));
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    private static List<String> rawSignatureLines() throws IOException {
        try (InputStream in = StubCheckerSelfTest.class.getResourceAsStream("/jenkins-api-signatures.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return new ArrayList<>(r.lines().toList());
        }
    }
}
