package dev.patchbay.processor;

import static dev.patchbay.processor.Fixtures.PROCESSOR;
import static dev.patchbay.processor.Fixtures.SETTINGS;
import static dev.patchbay.processor.Fixtures.factory;
import static dev.patchbay.processor.Fixtures.processor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExtensionErrorsTest {

    private static final String PROCESSORS = "META-INF/services/dev.patchbay.api.ProcessorFactory";
    private static final String MEMBERS = SETTINGS + PROCESSOR;
    private static final String NO_CONSTRUCTOR = "@Extension class a.Bad has no public no-argument constructor;"
            + " add 'public Bad() {}' (the host creates factories through ServiceLoader and passes settings to"
            + " create())";

    @TempDir
    Path dir;

    static Stream<Arguments> classesTheHostCannotCreate() {
        return Stream.of(
                arguments("public class Bad {}", "@Extension class a.Bad implements none of"
                        + " dev.patchbay.api.SourceFactory, dev.patchbay.api.ProcessorFactory or"
                        + " dev.patchbay.api.SinkFactory; implement the factory interface of its kind, or remove"
                        + " @Extension"),
                arguments("class Bad implements dev.patchbay.api.ProcessorFactory { public Bad() {} MEMBERS }",
                        "@Extension class a.Bad is not public; declare it 'public class Bad' so that the host's"
                                + " ServiceLoader can create it"),
                arguments("public abstract class Bad implements dev.patchbay.api.ProcessorFactory { MEMBERS }",
                        "@Extension class a.Bad is abstract; make it concrete, or move @Extension to a concrete"
                                + " subclass"),
                arguments("public interface Bad extends dev.patchbay.api.ProcessorFactory {}",
                        "@Extension class a.Bad is an interface; put @Extension on the public concrete class that"
                                + " implements it instead"),
                arguments("public enum Bad implements dev.patchbay.api.ProcessorFactory { ONE; MEMBERS }",
                        "@Extension class a.Bad is an enum, which has no public constructor; make it a public"
                                + " class with a public no-argument constructor"),
                arguments("public class Bad implements dev.patchbay.api.ProcessorFactory { public Bad(String s) {}"
                        + " MEMBERS }", NO_CONSTRUCTOR),
                arguments("public class Bad implements dev.patchbay.api.ProcessorFactory { private Bad() {}"
                        + " MEMBERS }", NO_CONSTRUCTOR),
                arguments("public class Bad implements dev.patchbay.api.ProcessorFactory { Bad() {} MEMBERS }",
                        NO_CONSTRUCTOR));
    }

    /** The declaration of {@code a.Bad} is on line 3, after the package and {@code @Extension(name = "bad")}. */
    @ParameterizedTest
    @MethodSource("classesTheHostCannotCreate")
    void rejectsAClassTheHostCouldNotCreate(String declaration, String expected) {
        String source = "package a;\n@dev.patchbay.api.Extension(name = \"bad\")\n"
                + declaration.replace("MEMBERS", MEMBERS) + "\n";

        Compilation compilation = Compilation.compile(dir, Map.of("a/Bad.java", source));

        assertFailsWith(compilation, "Bad.java", 3, expected);
    }

    @Test
    void rejectsAnInnerClass() {
        Compilation compilation = Compilation.compile(dir, Map.of("a/Bad.java", "package a;\npublic class Bad {\n"
                + "    @dev.patchbay.api.Extension(name = \"bad\")\n"
                + "    public class Inner implements dev.patchbay.api.ProcessorFactory {\n" + MEMBERS + "}\n}\n"));

        assertFailsWith(compilation, "Bad.java", 4, "@Extension class a.Bad.Inner is an inner class, which needs an"
                + " enclosing instance; declare it 'public static class Inner' or move it to a top-level class");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""      | @Extension name of a.Bad is blank (''); give it a name: use lower case letters, digits and dashes, starting with a letter, such as 'csv-source'
            "   "   | @Extension name of a.Bad is blank ('   '); give it a name: use lower case letters, digits and dashes, starting with a letter, such as 'csv-source'
            Greet   | @Extension name 'Greet' of a.Bad is invalid; use lower case letters, digits and dashes, starting with a letter, such as 'csv-source'
            greet_2 | @Extension name 'greet_2' of a.Bad is invalid; use lower case letters, digits and dashes, starting with a letter, such as 'csv-source'
            2greet  | @Extension name '2greet' of a.Bad is invalid; use lower case letters, digits and dashes, starting with a letter, such as 'csv-source'
            -greet  | @Extension name '-greet' of a.Bad is invalid; use lower case letters, digits and dashes, starting with a letter, such as 'csv-source'
            greet.v2 | @Extension name 'greet.v2' of a.Bad is invalid; use lower case letters, digits and dashes, starting with a letter, such as 'csv-source'
            grüße   | @Extension name 'grüße' of a.Bad is invalid; use lower case letters, digits and dashes, starting with a letter, such as 'csv-source'
            " greet" | @Extension name ' greet' of a.Bad is invalid; use lower case letters, digits and dashes, starting with a letter, such as 'csv-source'
            """)
    void rejectsANameTheHostRejectsQuotingIt(String name, String expected) {
        Compilation compilation = Compilation.compile(dir, Map.of("a/Bad.java", processor("a", "Bad", name)));

        assertFailsWith(compilation, "Bad.java", 2, expected);
    }

    @Test
    void rejectsTwoFactoriesOfOneKindWithTheSameName() {
        Compilation compilation = Compilation.compile(dir, Map.of(
                "a/Bad.java", factory("a", "Bad", "greet", "dev.patchbay.api.ProcessorFactory", PROCESSOR),
                "a/First.java", factory("a", "First", "greet", "dev.patchbay.api.ProcessorFactory", PROCESSOR)),
                new ExtensionProcessor());

        List<Compilation.Message> errors = compilation.messages(Diagnostic.Kind.ERROR);
        assertThat(compilation.success()).isFalse();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).text()).matches("@Extension name 'greet' of a\\.(Bad|First) is already used by"
                + " processor factory a\\.(Bad|First); give each processor factory of the plugin a unique"
                + " @Extension name");
        assertThat(errors.get(0).line()).isEqualTo(3);
    }

    @Test
    void acceptsTheSameNameForFactoriesOfDifferentKinds() {
        Compilation compilation = Compilation.compile(dir, Map.of(
                "a/Csv.java", factory("a", "Csv", "csv", "dev.patchbay.api.ProcessorFactory", PROCESSOR),
                "a/CsvSink.java", factory("a", "CsvSink", "csv", "dev.patchbay.api.SinkFactory", Fixtures.SINK)));

        assertThat(compilation.messages()).isEmpty();
    }

    @Test
    void listsNoClassThatFailedACheck() {
        Compilation compilation = Compilation.compile(dir, Map.of(
                "a/Good.java", processor("a", "Good", "good"),
                "a/Bad.java", processor("a", "Bad", "Bad")));

        assertThat(compilation.success()).isFalse();
        assertThat(compilation.output(PROCESSORS)).hasValue("a.Good\n");
    }

    private static void assertFailsWith(Compilation compilation, String file, long line, String expected) {
        assertThat(compilation.success()).isFalse();
        assertThat(compilation.messages(Diagnostic.Kind.ERROR))
                .containsExactly(new Compilation.Message(Diagnostic.Kind.ERROR, expected, file, line));
    }
}
