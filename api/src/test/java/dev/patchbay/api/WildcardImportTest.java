package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plugin author writes {@code import dev.patchbay.api.*;} next to the implicit {@code java.lang.*} and,
 * often, {@code java.util.*}: no api type may share a simple name with a type of those packages, or every
 * use of that name becomes ambiguous (this is why {@code Record} became {@link Row}).
 */
class WildcardImportTest {

    /** A plugin that uses every public api type by its simple name, with java.lang and java.util beside it. */
    private static final String PLUGIN = """
            package com.example.upper;

            import dev.patchbay.api.*;
            import java.io.IOException;
            import java.nio.file.Path;
            import java.util.*;

            @Extension(name = "upper", description = "Upper-cases a field.")
            @Sequential
            public final class UpperFactory implements ProcessorFactory {

                @Override
                public List<Setting> settings() {
                    return List.of(Setting.required("field", SettingType.STRING, "The field to upper-case."));
                }

                @Override
                public Processor create(Settings settings, ExtensionContext context) {
                    String field = settings.getString("field");
                    Objects.requireNonNull(context.baseDirectory(), "baseDirectory");
                    return (Row row, Emitter out) -> {
                        Object value = row.get(field);
                        if (value == null) {
                            out.reject(new Rejection("no " + field, "", ""));
                            return;
                        }
                        out.emit(value instanceof String s ? row.with(field, s.toUpperCase(Locale.ROOT)) : row);
                    };
                }

                @Extension(name = "numbers")
                public static final class NumbersFactory implements SourceFactory {
                    @Override
                    public List<Setting> settings() {
                        return List.of();
                    }

                    @Override
                    public Source create(Settings settings, SourceContext context) {
                        long start = context.resumeFrom().map(Position::value).map(Long::parseLong).orElse(0L);
                        Fields fields = Fields.of("n", "hex", "api");
                        return new Source() {
                            private long next = start;

                            @Override
                            public Source.Poll poll(Emitter out) {
                                Row.Builder builder = fields.record(next, Bytes.of(new byte[] {(byte) next}),
                                        ApiVersion.current()).toBuilder();
                                out.emit(builder.set("even", next % 2 == 0).build());
                                next++;
                                return next < 10 ? Source.Poll.MORE : Source.Poll.END;
                            }

                            @Override
                            public Position position() {
                                return new Position(Long.toString(next));
                            }
                        };
                    }
                }

                @Extension(name = "strict")
                public static final class StrictSinkFactory implements SinkFactory {
                    @Override
                    public List<Setting> settings() {
                        Setting dir = Setting.optional("dir", SettingType.STRING, "Where to keep rows.")
                                .asOutputPath();
                        return dir.pathRole().orElseThrow() == Setting.PathRole.OUTPUT
                                ? List.of(Setting.optional("limit", SettingType.LONG, "At most this many rows.")
                                        .withDefault(100), dir)
                                : List.of();
                    }

                    @Override
                    public Sink create(Settings settings, ExtensionContext context) {
                        long limit = settings.getLong("limit");
                        Map<String, Object> seen = new HashMap<>();
                        return new Sink() {
                            @Override
                            public void write(List<Row> batch) throws IOException {
                                if (seen.size() + batch.size() > limit) {
                                    throw new SettingsException(context.extensionName(), "limit",
                                            "is " + limit + " but " + (seen.size() + batch.size()) + " rows came");
                                }
                                for (Row row : batch) {
                                    seen.put(Integer.toString(seen.size()), row.toMap());
                                }
                            }

                            @Override
                            public void flush() throws IOException {
                                if (seen.isEmpty() && Thread.currentThread().isInterrupted()) {
                                    throw new ExtensionException(context.extensionName(), "interrupted",
                                            new InterruptedException(Path.of(".").toString()));
                                }
                            }
                        };
                    }
                }

                static ExtensionFactory any() {
                    return new UpperFactory();
                }
            }
            """;

    @Test
    void aPluginImportingTheWholeApiBesideJavaLangAndJavaUtilCompiles(@TempDir Path out) throws IOException {
        List<String> errors = compile(out, Map.of("com/example/upper/UpperFactory.java", PLUGIN), apiClasses());

        assertThat(errors).isEmpty();
        assertThat(out.resolve("com/example/upper/UpperFactory$NumbersFactory$1.class")).isRegularFile();
    }

    @Test
    void thePluginUsesEveryPublicApiType() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher names = Pattern.compile("\\b([A-Z]\\w*)(\\.[A-Z]\\w*)?").matcher(PLUGIN);
        while (names.find()) {
            used.add(names.group(1));
            used.add(names.group());
        }

        assertThat(used).containsAll(publicApiTypes(true));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java.lang", "java.util"})
    void noTopLevelApiTypeSharesItsSimpleNameWithAPublicJavaBaseType(String javaPackage) throws IOException {
        Set<String> javaTypes = publicJavaBaseTypes(javaPackage);
        Set<String> apiTypes = publicApiTypes(false);

        assertThat(javaTypes).as("public types of " + javaPackage).containsAll(
                javaPackage.equals("java.lang") ? List.of("String", "Record", "Process") : List.of("List", "Optional"));
        assertThat(apiTypes).contains("Row", "Settings", "Extension");
        assertThat(apiTypes).as("api types named like a public type of " + javaPackage)
                .doesNotContainAnyElementsOf(javaTypes);
    }

    @Test
    void theCompilerReportsTheAmbiguityThisGuardsAgainst(@TempDir Path out) throws IOException {
        Map<String, String> sources = Map.of(
                "com/example/clash/Record.java", "package com.example.clash; public final class Record {}",
                "com/example/user/User.java", """
                        package com.example.user;
                        import com.example.clash.*;
                        final class User {
                            Record record;
                        }
                        """);

        assertThat(compile(out, sources, apiClasses())).singleElement().asString()
                .contains("reference to Record is ambiguous");
    }

    /** The directory or jar the api classes under test were loaded from. */
    private static Path apiClasses() {
        try {
            return Path.of(Row.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles the sources as a plugin build would and returns the error messages. */
    private static List<String> compile(Path out, Map<String, String> sources, Path classpath) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK compiler (run the tests on a JDK, not a JRE)").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(source -> new SimpleJavaFileObject(URI.create("string:///" + source.getKey()),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source.getValue();
                    }
                })
                .collect(Collectors.toList());
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none",
                    "-classpath", classpath.toString(), "-d", out.toString());
            javac.getTask(null, files, diagnostics, options, null, units).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR
                        || d.getKind() == javax.tools.Diagnostic.Kind.WARNING
                        || d.getKind() == javax.tools.Diagnostic.Kind.MANDATORY_WARNING)
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.toList());
    }

    /** Simple names of the public api types, read from the compiled classes; nested ones as {@code Outer.Inner}. */
    private static Set<String> publicApiTypes(boolean nested) throws IOException {
        Path classes = apiClasses();
        if (Files.isDirectory(classes)) {
            return publicApiTypes(classes, nested);
        }
        try (FileSystem jar = FileSystems.newFileSystem(classes)) {
            return publicApiTypes(jar.getPath("/"), nested);
        }
    }

    private static Set<String> publicApiTypes(Path root, boolean nested) throws IOException {
        Path dir = root.resolve("dev/patchbay/api");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .filter(name -> nested ? !name.matches(".*\\$\\d.*") : !name.contains("$"))
                    .filter(name -> isPublic("dev.patchbay.api." + name, Row.class.getClassLoader()))
                    .map(name -> name.replace('$', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Simple names of the public top-level types of a java.base package, from the runtime image. */
    private static Set<String> publicJavaBaseTypes(String javaPackage) throws IOException {
        String dir = javaPackage.replace('.', '/') + "/";
        try (ModuleReader reader = ModuleFinder.ofSystem().find("java.base").orElseThrow().open()) {
            return reader.list()
                    .filter(entry -> entry.startsWith(dir) && entry.endsWith(".class"))
                    .map(entry -> entry.substring(dir.length(), entry.length() - ".class".length()))
                    .filter(name -> !name.contains("/") && !name.contains("$") && !name.contains("-"))
                    .filter(name -> isPublic(javaPackage + "." + name, null))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static boolean isPublic(String binaryName, ClassLoader loader) {
        try {
            return Modifier.isPublic(Class.forName(binaryName, false, loader).getModifiers());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + binaryName, e);
        }
    }
}
