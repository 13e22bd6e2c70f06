package dev.patchbay.plugins.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Extension;
import dev.patchbay.api.Setting;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.testkit.SettingsError;
import dev.patchbay.testkit.SinkTester;
import dev.patchbay.testkit.TestContext;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrintSinkFactoryTest {

    /** The context the host gives the print sink of the pipeline named demo. */
    static TestContext context() {
        return TestContext.builder().pluginId("console").extensionName(PrintSinkFactory.NAME).stageId("demo/sink")
                .build();
    }

    private final PrintSinkFactory factory = new PrintSinkFactory();

    @Test
    void isNamedPrintAndDescribed() {
        Extension extension = PrintSinkFactory.class.getAnnotation(Extension.class);
        assertThat(extension.name()).isEqualTo("print");
        assertThat(extension.description()).isNotBlank();
    }

    @Test
    void isListedInTheSinkServiceFile() {
        assertThat(ServiceLoader.load(SinkFactory.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(PrintSinkFactory.class);
    }

    @Test
    void documentsEverySetting() {
        assertThat(factory.settings()).extracting(Setting::key)
                .containsExactly("format", "limit", "stream", "bytes", "maxColumnWidth");
        assertThat(factory.settings()).allSatisfy(setting -> {
            assertThat(setting.required()).isFalse();
            assertThat(setting.description()).hasSizeGreaterThan(20);
        });
        assertThat(setting("format").choices()).containsExactly("jsonl", "table");
        assertThat(setting("format").defaultValue()).contains("jsonl");
        assertThat(setting("stream").choices()).containsExactly("stdout", "stderr");
        assertThat(setting("stream").defaultValue()).contains("stdout");
        assertThat(setting("bytes").choices()).containsExactly("base64", "hex");
        assertThat(setting("bytes").defaultValue()).contains("base64");
        assertThat(setting("limit").defaultValue()).isEmpty();
        assertThat(setting("maxColumnWidth").defaultValue()).contains(40L);
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(Map.of("limit", -1), "limit", "must be 0 or more, got -1"),
                Arguments.of(Map.of("maxColumnWidth", 3), "maxColumnWidth", "must be between 4 and"),
                Arguments.of(Map.of("maxColumnWidth", 1L << 40), "maxColumnWidth", "got 1099511627776"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void rejectsUnusableValuesAtCreateNamingTheKey(Map<String, ?> values, String key, String message) {
        Settings settings = Settings.of("print", values, factory.settings());
        assertThatThrownBy(() -> factory.create(settings, context()))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining("print: setting '" + key + "'")
                .hasMessageContaining(message);
    }

    static Stream<Arguments> invalidChoices() {
        return Stream.of(
                Arguments.of("format", "csv"),
                Arguments.of("stream", "stdin"),
                Arguments.of("bytes", "base32"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidChoices")
    void settingsValidationRejectsValuesOutsideTheChoices(String key, String value) {
        List<SettingsException> problems = Settings.check("print", Map.of(key, value), factory.settings());
        assertThat(problems).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e).hasMessageContaining("\"" + value + "\"");
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidChoices")
    void theHostReportsAValueOutsideTheChoicesWithTheChoicesAsTheFix(String key, String value) {
        assertThatThrownBy(() -> SinkTester.create(factory, Map.of(key, value), context()))
                .isInstanceOfSatisfying(SettingsError.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("console/print: setting '" + key + "' expected one of [")
                        .contains("but got \"" + value + "\"; fix: use one of ["));
    }

    @Test
    void createsASinkOnTheProcessStreamsByDefault() {
        assertThat(factory.create(Settings.of("print", Map.of(), factory.settings()), context()))
                .isInstanceOf(PrintSink.class);
    }

    @Test
    void acceptsTheSmallestUsableColumnWidth() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Settings settings = Settings.of("print", Map.of("format", "table", "maxColumnWidth", 4), factory.settings());
        assertThat(factory.create(settings, context(), out, out)).isNotNull();
    }

    private Setting setting(String key) {
        return factory.settings().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }
}
