package io.jenkins.plugins.dtrmigration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What can be checked here of {@code plugin/jenkins/pom.xml}, the real .hpi build that needs the Jenkins repository:
 * the plugin-parent conventions, that it compiles this module's sources, and that every library the engine depends on
 * reaches the .hpi either through an API plugin or in the bundled list. A dependency added to core fails here until
 * that build says how it ships.
 */
class JenkinsBuildPomTest {

    /** Engine dependencies (core/pom.xml) that Jenkins API plugins provide, and the plugin providing each. */
    static final Map<String, String> PROVIDED_BY_API_PLUGIN = Map.of(
            "com.squareup.okhttp3:okhttp", "io.jenkins.plugins:okhttp-api",
            "com.fasterxml.jackson.core:jackson-databind", "org.jenkins-ci.plugins:jackson2-api",
            "software.amazon.awssdk:s3", "io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-s3",
            "software.amazon.awssdk:apache-client", "io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-core",
            "com.azure:azure-storage-blob", "io.jenkins.plugins:azure-sdk",
            "org.apache.commons:commons-compress", "io.jenkins.plugins:commons-compress-api");

    static final String ENGINE_GROUP = "io.jenkins.plugins.dtr-migration";

    static Element jenkinsPom;
    static Element corePom;
    static Element rootPom;
    static Path module;

    @BeforeAll
    static void read() throws Exception {
        module = Path.of("").toAbsolutePath();
        assertThat(module.resolve("src/main/java/io/jenkins/plugins/dtrmigration")).as("tests run in plugin/").isDirectory();
        jenkinsPom = parse(module.resolve("jenkins/pom.xml"));
        corePom = parse(module.resolve("../core/pom.xml"));
        rootPom = parse(module.resolve("../pom.xml"));
    }

    @Test
    void followsThePluginParentConventions() {
        Element parent = child(jenkinsPom, "parent").orElseThrow();
        assertThat(text(parent, "groupId")).isEqualTo("org.jenkins-ci.plugins");
        assertThat(text(parent, "artifactId")).isEqualTo("plugin");
        assertThat(child(parent, "relativePath")).as("<relativePath/> so Maven never looks at ../pom.xml").isPresent();
        assertThat(text(parent, "relativePath")).isEmpty();

        assertThat(text(jenkinsPom, "packaging")).isEqualTo("hpi");
        assertThat(text(jenkinsPom, "groupId")).isEqualTo("io.jenkins.plugins");
        assertThat(text(jenkinsPom, "artifactId")).isEqualTo("dtr-migration").doesNotEndWith("-plugin");
        assertThat(text(jenkinsPom, "version")).as("same version as the reactor").isEqualTo(text(rootPom, "version"));

        assertThat(property("jenkins.baseline")).isEqualTo("2.479");
        assertThat(property("jenkins.version")).startsWith("${jenkins.baseline}.");
        assertThat(property("hpi.strictBundledArtifacts")).isEqualTo("true");

        Element bom = dependencies(child(jenkinsPom, "dependencyManagement").orElseThrow()).get(0);
        assertThat(text(bom, "groupId")).isEqualTo("io.jenkins.tools.bom");
        assertThat(text(bom, "artifactId")).isEqualTo("bom-${jenkins.baseline}.x");
        assertThat(text(bom, "type")).isEqualTo("pom");
        assertThat(text(bom, "scope")).isEqualTo("import");

        for (String section : List.of("repositories/repository", "pluginRepositories/pluginRepository")) {
            String[] path = section.split("/");
            Element repo = child(child(jenkinsPom, path[0]).orElseThrow(), path[1]).orElseThrow();
            assertThat(text(repo, "url")).as(section).isEqualTo("https://repo.jenkins-ci.org/public/");
        }
    }

    @Test
    void compilesTheSameSourcesAsThisModule() throws IOException {
        Element build = child(jenkinsPom, "build").orElseThrow();
        assertThat(resolve(text(build, "sourceDirectory"))).isEqualTo(module.resolve("src/main/java").normalize());
        Element resource = child(child(build, "resources").orElseThrow(), "resource").orElseThrow();
        assertThat(resolve(text(resource, "directory"))).isEqualTo(module.resolve("src/main/resources").normalize());
        Path tests = resolve(text(build, "testSourceDirectory"));
        assertThat(tests).isEqualTo(module.resolve("src/jenkinsTest/java").normalize());
        try (Stream<Path> files = Files.walk(tests)) {
            assertThat(files.filter(f -> f.toString().endsWith("Test.java")).count()).as("JenkinsRule tests").isPositive();
        }
    }

    @Test
    void everyEngineLibraryComesFromAnApiPluginOrIsBundled() {
        Set<String> declared = new TreeSet<>();
        for (Element d : dependencies(jenkinsPom)) {
            declared.add(text(d, "groupId") + ":" + text(d, "artifactId"));
        }
        Set<String> bundled = new TreeSet<>(List.of(property("hpi.bundledArtifacts").split(",")));
        List<String> problems = new ArrayList<>();
        for (Element d : dependencies(corePom)) {
            String scope = text(d, "scope");
            if (!scope.isEmpty() && !scope.equals("compile") && !scope.equals("runtime")) {
                continue;
            }
            String ga = text(d, "groupId") + ":" + text(d, "artifactId");
            String plugin = PROVIDED_BY_API_PLUGIN.get(ga);
            if (plugin != null) {
                if (!declared.contains(plugin)) {
                    problems.add(ga + " should come from " + plugin + ", which plugin/jenkins/pom.xml does not depend on");
                }
            } else if (!bundled.contains(text(d, "artifactId")) || !declared.contains(ga)) {
                problems.add(ga + " (a dependency of core) is neither provided by an API plugin (PROVIDED_BY_API_PLUGIN)"
                        + " nor declared and listed in hpi.bundledArtifacts of plugin/jenkins/pom.xml");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theBundledListIsExactlyTheLibrariesDeclaredWithTheEngine() {
        String listed = property("hpi.bundledArtifacts");
        List<String> expected = new ArrayList<>();
        for (Element d : dependencies(jenkinsPom)) {
            String group = text(d, "groupId");
            boolean jenkinsPlugin = (group.startsWith("io.jenkins.plugins") || group.startsWith("org.jenkins-ci.plugins"))
                    && !group.equals(ENGINE_GROUP) && !group.equals("${dtr-migration.groupId}");
            if (text(d, "scope").isEmpty() && !jenkinsPlugin) {
                expected.add(text(d, "artifactId"));
            }
        }
        assertThat(expected).contains("dtr-migration-core");
        assertThat(listed).as("sorted, as maven-hpi-plugin compares it").isEqualTo(String.join(",", expected.stream().sorted().toList()));
        assertThat(property("dtr-migration.groupId")).isEqualTo(ENGINE_GROUP);
    }

    @Test
    void theEngineIsBundledWithoutItsLibrariesAndPinnedVersionsAgree() {
        Element core = dependencies(jenkinsPom).stream()
                .filter(d -> text(d, "artifactId").equals("dtr-migration-core")).findFirst().orElseThrow();
        assertThat(text(core, "version")).isEqualTo("${project.version}");
        Element exclusion = child(child(core, "exclusions").orElseThrow(), "exclusion").orElseThrow();
        assertThat(text(exclusion, "groupId") + ":" + text(exclusion, "artifactId")).isEqualTo("*:*");
        assertThat(property("failsafe.version")).isEqualTo(text(child(rootPom, "properties").orElseThrow(), "failsafe-lib.version"));
    }

    @Test
    void theJenkinsRuleTestsHaveThePipelinePlugins() {
        Set<String> test = new TreeSet<>();
        for (Element d : dependencies(jenkinsPom)) {
            if (text(d, "scope").equals("test")) {
                test.add(text(d, "artifactId") + (text(d, "classifier").isEmpty() ? "" : ":" + text(d, "classifier")));
            }
        }
        assertThat(test).contains("workflow-job", "workflow-cps", "workflow-cps:tests", "workflow-step-api:tests",
                "workflow-basic-steps", "workflow-durable-task-step", "dtr-migration-simulator");
    }

    // ------------------------------------------------------------------ helpers

    static Path resolve(String dir) {
        return Path.of(dir.replace("${project.basedir}", module.resolve("jenkins").toString())).normalize();
    }

    static String property(String name) {
        return text(child(jenkinsPom, "properties").orElseThrow(), name);
    }

    static List<Element> dependencies(Element owner) {
        List<Element> out = new ArrayList<>();
        child(owner, "dependencies").ifPresent(deps -> {
            for (Node n = deps.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("dependency")) {
                    out.add(e);
                }
            }
        });
        return out;
    }

    static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim()).orElse("");
    }

    static Element parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(pom.toFile());
        return doc.getDocumentElement();
    }
}
