package io.jenkins.plugins.dtrmigration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every Pipeline step of the plugin has what the Snippet Generator and the step reference need: a
 * {@code config.jelly} with a field for every parameter, a {@code help.html}, a {@code help-<parameter>.html} for
 * every parameter (its own or an ancestor's, where Jenkins also looks), and {@code @POST} form methods that belong to
 * real parameters, with a check or a list for every text parameter.
 *
 * <p>The steps are found by scanning the plugin's compiled classes for {@link StepDescriptor}s, so a step added on
 * another branch fails here until its resources exist. Resources are read from the class path, as Jenkins reads them.
 */
class SnippetGeneratorResourcesTest {

    static final String FORM_NS = "/lib/form";
    static final String OWN_TAGLIB = "/lib/dtrmigration";

    static Path classes;
    static List<Class<?>> descriptors;

    @BeforeAll
    static void scan() throws Exception {
        classes = classesRoot();
        descriptors = new ArrayList<>();
        for (Class<?> c : loadAll(classes)) {
            if (StepDescriptor.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                descriptors.add(c);
            }
        }
    }

    @Test
    void theScanFindsTheSteps() {
        assertThat(descriptors).extracting(Class::getName).contains(
                DtrReadOnlyStep.DescriptorImpl.class.getName(), DtrDisableGcStep.DescriptorImpl.class.getName(),
                DtrRestoreGcStep.DescriptorImpl.class.getName(), DtrOnlineGcStep.DescriptorImpl.class.getName());
    }

    @Test
    void everyStepHasAConfigPageWithAFieldForEachParameter() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Class<?> d : descriptors) {
            Class<?> step = stepOf(d, problems);
            if (step == null) {
                continue;
            }
            URL config = step.getResource(step.getSimpleName() + "/config.jelly");
            if (config == null) {
                problems.add(step.getSimpleName() + ": no " + resourcePath(step, "config.jelly"));
                continue;
            }
            Set<String> fields = fieldsOf(config, problems);
            Set<String> parameters = parameters(step);
            for (String p : parameters) {
                if (!fields.contains(p)) {
                    problems.add(step.getSimpleName() + "/config.jelly: no field=\"" + p + "\" (directly or through a "
                            + OWN_TAGLIB + " tag such as <dtr:connection/>)");
                }
            }
            for (String f : fields) {
                if (!parameters.contains(f)) {
                    problems.add(step.getSimpleName() + "/config.jelly: field=\"" + f + "\" is not a parameter of the step");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyStepAndParameterHasHelp() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Class<?> d : descriptors) {
            Class<?> step = stepOf(d, problems);
            if (step == null) {
                continue;
            }
            checkHelpFile(step.getResource(step.getSimpleName() + "/help.html"), resourcePath(step, "help.html"), problems);
            for (String p : parameters(step)) {
                URL help = helpFor(step, p);
                if (help == null) {
                    problems.add(step.getSimpleName() + ": no help-" + p + ".html next to " + step.getSimpleName()
                            + " or one of its superclasses");
                } else {
                    checkHelpFile(help, p, problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noHelpFileIsLeftOverFromARenamedParameter() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<Class<?>> owners = new LinkedHashSet<>();
        for (Class<?> d : descriptors) {
            for (Class<?> c = d.getEnclosingClass(); c != null && c != Step.class; c = c.getSuperclass()) {
                owners.add(c);
            }
        }
        for (Class<?> owner : owners) {
            Path dir = classes.resolve(owner.getName().replace('.', '/'));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            // Jenkins looks for a parameter's help from the step's class up: a base class may hold it for its subclasses.
            Set<String> declared = new TreeSet<>();
            for (Class<?> d : descriptors) {
                if (owner.isAssignableFrom(d.getEnclosingClass())) {
                    declared.addAll(parameters(d.getEnclosingClass()));
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith("help-") && name.endsWith(".html")) {
                        String p = name.substring("help-".length(), name.length() - ".html".length()).replaceFirst("_[a-zA-Z_]+$", "");
                        if (!declared.contains(p)) {
                            problems.add(resourcePath(owner, name) + ": no step that is a " + owner.getSimpleName() + " has a parameter '" + p + "'");
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void formMethodsArePostAndBelongToParameters() {
        List<String> problems = new ArrayList<>();
        int textParameters = 0;
        for (Class<?> d : descriptors) {
            Class<?> step = d.getEnclosingClass();
            if (step == null) {
                continue;
            }
            Set<String> parameters = parameters(step);
            Set<String> validated = new TreeSet<>();
            for (Method m : d.getMethods()) {
                String field = formField(m.getName());
                if (field == null) {
                    continue;
                }
                if (m.getAnnotation(POST.class) == null) {
                    problems.add(d.getName() + "." + m.getName() + ": not @POST (Jenkins sends form checks and fills as POST)");
                }
                if (!parameters.contains(field)) {
                    problems.add(d.getName() + "." + m.getName() + ": no step parameter '" + field + "'");
                }
                validated.add(field);
            }
            for (String p : parameters) {
                if (parameterType(step, p) == String.class) {
                    textParameters++;
                    if (!validated.contains(p)) {
                        problems.add(d.getName() + ": no doCheck" + capitalize(p) + " or doFill" + capitalize(p)
                                + "Items for the text parameter '" + p + "' (see FormChecks)");
                    }
                }
            }
        }
        assertThat(textParameters).as("text parameters seen").isGreaterThanOrEqualTo(4 * 3);
        assertThat(problems).isEmpty();
    }

    /**
     * Stapler binds a form's fields to text, numbers, booleans and enums; a parameter of another type (such as
     * {@code Object}, which the storage steps' from/to once were) makes saving the Snippet Generator form fail.
     */
    @Test
    void everyParameterBindsFromAFormField() {
        Set<Class<?>> bindable = Set.of(String.class, boolean.class, int.class, long.class, Boolean.class, Integer.class, Long.class);
        List<String> problems = new ArrayList<>();
        for (Class<?> d : descriptors) {
            Class<?> step = d.getEnclosingClass();
            for (String p : parameters(step)) {
                Class<?> type = parameterType(step, p);
                if (!bindable.contains(type) && !type.isEnum()) {
                    problems.add(step.getSimpleName() + "." + p + " is a " + type.getSimpleName() + ", which a form field cannot bind to");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** A new step's form starts from the step's defaults, or the first snippet would set them to something else. */
    @Test
    void theConcurrencyFieldDefaultsToTheStepsDefault() throws Exception {
        for (Class<?> step : List.of(DtrCopyStorageStep.class, DtrVerifyStorageStep.class)) {
            Document doc = parse(step.getResource(step.getSimpleName() + "/config.jelly"), new ArrayList<>());
            NodeList numbers = doc.getElementsByTagNameNS(FORM_NS, "number");
            assertThat(numbers.getLength()).as(step.getSimpleName()).isEqualTo(1);
            assertThat(((Element) numbers.item(0)).getAttribute("default")).as(step.getSimpleName())
                    .isEqualTo(String.valueOf(org.dtrmigration.copy.CopyOptions.DEFAULT_CONCURRENCY));
        }
    }

    @Test
    void everyJellyFileEscapesByDefaultAndParses() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> jellies;
        try (Stream<Path> files = Files.walk(classes)) {
            jellies = files.filter(f -> f.toString().endsWith(".jelly")).toList();
        }
        assertThat(jellies).extracting(f -> classes.relativize(f).toString().replace('\\', '/'))
                .contains("index.jelly", "lib/dtrmigration/connection.jelly");
        for (Path f : jellies) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            if (!text.startsWith("<?jelly escape-by-default='true'?>")) {
                problems.add(classes.relativize(f) + ": must start with <?jelly escape-by-default='true'?>");
            }
            parse(f.toUri().toURL(), problems);
        }
        assertThat(getClass().getResource("/lib/dtrmigration/taglib"))
                .as("lib/dtrmigration/taglib marks the tag library directory").isNotNull();
        assertThat(problems).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** The step a descriptor describes: by this project's convention, the class it is nested in. */
    static Class<?> stepOf(Class<?> descriptor, List<String> problems) {
        Class<?> step = descriptor.getEnclosingClass();
        if (step == null || !Step.class.isAssignableFrom(step)) {
            problems.add(descriptor.getName() + ": nest the descriptor in its Step class");
            return null;
        }
        return step;
    }

    /** Parameters of a step: its {@code @DataBoundConstructor} arguments and every {@code @DataBoundSetter}, inherited too. */
    static Set<String> parameters(Class<?> step) {
        Set<String> names = new TreeSet<>();
        for (Class<?> c = step; c != null && c != Step.class; c = c.getSuperclass()) {
            names.addAll(declaredParameters(c));
        }
        return names;
    }

    static Set<String> declaredParameters(Class<?> c) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (k.getAnnotation(DataBoundConstructor.class) != null) {
                for (Parameter p : k.getParameters()) {
                    assertThat(p.isNamePresent()).as("compiled with -parameters: " + k).isTrue();
                    names.add(p.getName());
                }
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.getAnnotation(DataBoundSetter.class) != null && m.getName().startsWith("set")) {
                names.add(decapitalize(m.getName().substring(3)));
            }
        }
        return names;
    }

    static Class<?> parameterType(Class<?> step, String parameter) {
        for (Class<?> c = step; c != null && c != Step.class; c = c.getSuperclass()) {
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (k.getAnnotation(DataBoundConstructor.class) != null) {
                    for (Parameter p : k.getParameters()) {
                        if (p.getName().equals(parameter)) {
                            return p.getType();
                        }
                    }
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.getAnnotation(DataBoundSetter.class) != null && m.getName().equals("set" + capitalize(parameter))) {
                    return m.getParameterTypes()[0];
                }
            }
        }
        throw new AssertionError("no parameter " + parameter + " in " + step);
    }

    /** {@code doCheckUrl} → {@code url}, {@code doFillCredentialsIdItems} → {@code credentialsId}, else null. */
    static String formField(String method) {
        if (method.startsWith("doCheck") && method.length() > "doCheck".length()) {
            return decapitalize(method.substring("doCheck".length()));
        }
        if (method.startsWith("doFill") && method.endsWith("Items") && method.length() > "doFillItems".length()) {
            return decapitalize(method.substring("doFill".length(), method.length() - "Items".length()));
        }
        return null;
    }

    static URL helpFor(Class<?> step, String parameter) {
        for (Class<?> c = step; c != null && c != Step.class; c = c.getSuperclass()) {
            URL help = c.getResource(c.getSimpleName() + "/help-" + parameter + ".html");
            if (help != null) {
                return help;
            }
        }
        return null;
    }

    /** {@code field} attributes of a Jelly page, following tags of this plugin's own tag library. */
    static Set<String> fieldsOf(URL jelly, List<String> problems) throws Exception {
        Set<String> fields = new TreeSet<>();
        Document doc = parse(jelly, problems);
        if (doc == null) {
            return fields;
        }
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (FORM_NS.equals(e.getNamespaceURI()) && e.hasAttribute("field")) {
                fields.add(e.getAttribute("field"));
            }
            if (OWN_TAGLIB.equals(e.getNamespaceURI())) {
                String tag = OWN_TAGLIB.substring(1) + "/" + e.getLocalName() + ".jelly";
                URL tagFile = SnippetGeneratorResourcesTest.class.getResource("/" + tag);
                if (tagFile == null) {
                    problems.add(jelly + ": uses <" + e.getTagName() + "/> but there is no " + tag);
                } else {
                    fields.addAll(fieldsOf(tagFile, problems));
                }
            }
        }
        return fields;
    }

    static Document parse(URL xml, List<String> problems) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        try (InputStream in = xml.openStream()) {
            return b.parse(in);
        } catch (org.xml.sax.SAXException e) {
            problems.add(xml + ": not well-formed: " + e.getMessage());
            return null;
        }
    }

    static void checkHelpFile(URL help, String what, List<String> problems) throws Exception {
        if (help == null) {
            problems.add("no " + what);
            return;
        }
        Document doc = parse(help, problems);
        if (doc != null) {
            if (!"div".equals(doc.getDocumentElement().getTagName())) {
                problems.add(help + ": wrap the help in one <div>");
            }
            if (doc.getDocumentElement().getTextContent().isBlank()) {
                problems.add(help + ": empty");
            }
        }
    }

    static String resourcePath(Class<?> c, String file) {
        return "src/main/resources/" + c.getName().replace('.', '/') + "/" + file;
    }

    static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String decapitalize(String s) {
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    static Path classesRoot() throws URISyntaxException {
        return Path.of(DtrApiStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static List<Class<?>> loadAll(Path root) throws IOException {
        List<Class<?>> loaded = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace(root.getFileSystem().getSeparator(), "/");
                name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try {
                    loaded.add(Class.forName(name, false, SnippetGeneratorResourcesTest.class.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new UncheckedIOException(new IOException("cannot load " + name, e));
                }
            }
        }
        return loaded;
    }
}
