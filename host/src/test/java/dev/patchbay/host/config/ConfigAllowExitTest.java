package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code plugins.allowExit}: the plugin ids that may call System.exit, Runtime.exit or Runtime.halt. */
class ConfigAllowExitTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private final ConfigReader reader = new ConfigReader();

    @Test
    void allowExitIsReadAsASetOfIdsAndDefaultsToEmpty() {
        PatchbayConfig config = reader.parse(SOURCE, "{\"plugins\": {\"allowExit\": [\"geo\", \"cli\"]}}");
        PatchbayConfig without = reader.parse(SOURCE, "{\"plugins\": {\"enabled\": []}}");

        assertThat(config.allowExit()).isEqualTo(Set.of("geo", "cli"));
        assertThat(without.allowExit()).isEmpty();
        assertThat(reader.defaults(SOURCE).allowExit()).isEmpty();
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("a string instead of an array", "{\n  \"plugins\": {\"allowExit\": \"geo\"}\n}",
                        "$.plugins.allowExit", 2, 28,
                        "\"allowExit\" is the string \"geo\" but must be an array of plugin ids"),
                Arguments.of("true instead of an array", "{\n  \"plugins\": {\"allowExit\": true}\n}",
                        "$.plugins.allowExit", 2, 28, "\"allowExit\" is the boolean true but must be an array"),
                Arguments.of("a number among the ids", "{\n  \"plugins\": {\n    \"allowExit\": [\"geo\", 7]\n  }\n}",
                        "$.plugins.allowExit[1]", 3, 26, "a plugin id is the number 7 but must be a non-empty string"),
                Arguments.of("a blank id", "{\"plugins\": {\"allowExit\": [\" \"]}}",
                        "$.plugins.allowExit[0]", 1, 28, "a plugin id is the string \" \" but must be a non-empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueIsAnErrorWithItsPathLineAndColumn(String name, String json, String path, int line, int column,
            String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.parse(SOURCE, json));

        assertThat(e).as("expected an error for %s", json).isNotNull();
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location().line()).isEqualTo(line);
            assertThat(error.location().column()).isEqualTo(column);
            assertThat(error.message()).contains(message);
            assertThat(error.fix()).isNotBlank();
        });
    }

    @Test
    void aMisspeltKeySuggestsAllowExit() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> reader.parse(SOURCE, "{\"plugins\": {\"allowexit\": []}}"));

        assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.fix())
                .contains("did you mean \"allowExit\"?"));
    }
}
