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

/** {@code plugins.enabled} and {@code plugins.disabled} entries of the form {@code id@version}. */
class ConfigSelectionVersionsTest {

    private static final ConfigSource SOURCE = new ConfigSource(Path.of("/home"), Path.of("/home/config/patchbay.json"),
            false);

    private final ConfigReader reader = new ConfigReader();

    @Test
    void idAndIdAtVersionEntriesAreRead() {
        PatchbayConfig config = reader.parse(SOURCE,
                "{\"plugins\": {\"enabled\": [\"files\", \"geo@1.1.0\"], \"disabled\": [\"geo@1.0.0-rc.1\"]}}");

        assertThat(config.enabled()).isEqualTo(Set.of("files", "geo@1.1.0"));
        assertThat(config.disabled()).isEqualTo(Set.of("geo@1.0.0-rc.1"));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{\n  \"plugins\": {\"disabled\": [\"files@\"]}\n}", "$.plugins.disabled[0]", 2, 28,
                        "\"files@\" is not a plugin id or id@version: \"\" is not an exact version"),
                Arguments.of("{\n  \"plugins\": {\n    \"enabled\": [\"files\", \"files@1.x\"]\n  }\n}",
                        "$.plugins.enabled[1]", 3, 26, "\"1.x\" is not an exact version"),
                Arguments.of("{\"plugins\": {\"enabled\": [\"@1.0.0\"]}}", "$.plugins.enabled[0]", 1, 26,
                        "\"\" is not a plugin id"),
                Arguments.of("{\"plugins\": {\"disabled\": [\"a@b@1.0.0\"]}}", "$.plugins.disabled[0]", 1, 27,
                        "\"b@1.0.0\" is not an exact version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedEntryIsAnErrorWithItsPathLineAndColumn(String json, String path, int line, int column,
            String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.parse(SOURCE, json));

        assertThat(e).as("expected an error for %s", json).isNotNull();
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location().line()).isEqualTo(line);
            assertThat(error.location().column()).isEqualTo(column);
            assertThat(error.message()).contains(message);
            assertThat(error.fix()).contains("\"files@1.1.0\"");
        });
    }
}
