package io.jenkins.plugins.dtrmigration;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every example Jenkinsfile in docs/examples parses as Groovy and calls only steps this plugin has,
 * with only parameters those steps take.
 */
class ExampleJenkinsfilesTest {

    static final Path EXAMPLES = Path.of("..", "docs", "examples");

    /** function name -> parameters, from the compiled step classes. */
    static Map<String, Set<String>> steps = new TreeMap<>();

    @BeforeAll
    static void scanSteps() throws Exception {
        for (Class<?> c : SnippetGeneratorResourcesTest.loadAll(SnippetGeneratorResourcesTest.classesRoot())) {
            if (StepDescriptor.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                StepDescriptor d = (StepDescriptor) c.getDeclaredConstructor().newInstance();
                steps.put(d.getFunctionName(), SnippetGeneratorResourcesTest.parameters(c.getEnclosingClass()));
            }
        }
        assertThat(steps).containsKeys("dtrReadOnly", "dtrDisableGc", "dtrRestoreGc", "dtrOnlineGc");
    }

    static List<Path> examples() throws Exception {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".Jenkinsfile")).sorted().toList();
        }
    }

    @Test
    void thereAreExamples() throws Exception {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void everyExampleParsesAndUsesOnlyRealStepsAndParameters() throws Exception {
        List<String> problems = new ArrayList<>();
        int stepCalls = 0;
        for (Path file : examples()) {
            List<MethodCallExpression> calls = parse(file);
            for (MethodCallExpression call : calls) {
                String name = call.getMethodAsString();
                if (name == null || !name.startsWith("dtr")) {
                    continue;
                }
                stepCalls++;
                Set<String> params = steps.get(name);
                if (params == null) {
                    problems.add(file.getFileName() + ":" + call.getLineNumber() + ": no step named " + name);
                    continue;
                }
                for (String key : namedArguments(call)) {
                    if (!params.contains(key)) {
                        problems.add(file.getFileName() + ":" + call.getLineNumber() + ": " + name + " has no parameter '"
                                + key + "' (has " + params + ")");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(stepCalls).as("dtr* step calls found in the examples").isGreaterThan(5);
    }

    /** Parses to the AST (no Jenkins classes needed) and collects every method call. */
    static List<MethodCallExpression> parse(Path file) throws Exception {
        CompilationUnit unit = new CompilationUnit();
        SourceUnit source = unit.addSource(file.toFile());
        unit.compile(Phases.CONVERSION);
        ModuleNode module = source.getAST();
        List<MethodCallExpression> calls = new ArrayList<>();
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                calls.add(call);
                super.visitMethodCallExpression(call);
            }
        };
        module.getStatementBlock().visit(visitor);
        module.getMethods().forEach(m -> m.getCode().visit(visitor));
        return calls;
    }

    /** Literal keys of named arguments ({@code dtrX(a: 1, b: 2)}); spread maps are not checked. */
    static List<String> namedArguments(MethodCallExpression call) {
        List<String> keys = new ArrayList<>();
        Expression args = call.getArguments();
        List<Expression> list = args instanceof TupleExpression t ? t.getExpressions() : List.of(args);
        for (Expression e : list) {
            if (e instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression() instanceof ConstantExpression k) {
                        keys.add(k.getText());
                    }
                }
            }
        }
        return keys;
    }
}
