package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A configuration file that starts with a UTF-8 byte-order mark (EF BB BF), as Windows editors write it, reads
 * as the same file without one, and line and column numbering starts after the mark.
 */
class ConfigBomTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path home;

    private final ConfigReader reader = new ConfigReader();

    private ConfigSource write(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(BOM);
        bytes.write(text.getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(home.resolve("patchbay.json"), bytes.toByteArray());
        return new ConfigSource(home, file, true);
    }

    @Test
    void aFileThatStartsWithAByteOrderMarkIsRead() throws IOException {
        ConfigSource source = write("{\"plugins\": {\"directory\": \"pl\u00fcgins\"}, \"logging\": {\"level\": \"DEBUG\"}}");

        PatchbayConfig config = reader.read(source);

        assertThat(config.pluginsDirectory()).isEqualTo(home.resolve("pl\u00fcgins"));
        assertThat(config.logLevel()).isEqualTo("DEBUG");
    }

    static Stream<Arguments> errorsAfterTheMark() {
        return Stream.of(
                Arguments.of("a problem on the first line: column 1 is the first character after the mark",
                        "{\"bogus\": 1}", "$.bogus", new Location(1, 2)),
                Arguments.of("a problem on a later line", "{\n  \"logging\": {\"format\": \"xml\"}\n}",
                        "$.logging.format", new Location(2, 25)),
                Arguments.of("malformed JSON", "{\n  \"plugins\": {\"enabled\": [\"a\",]}\n}",
                        "$.plugins.enabled[1]", new Location(2, 31)),
                Arguments.of("only the mark", "", "$", new Location(1, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorsAfterTheMark")
    void errorsAreLocatedAsInTheSameFileWithoutTheMark(String name, String text, String path, Location expected)
            throws IOException {
        ConfigSource source = write(text);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read(source));

        assertThat(e).as(name).isNotNull();
        assertThat(e.errors()).first().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location()).isEqualTo(expected);
            assertThat(error.message()).doesNotContain("65279").doesNotContain("0xfeff");
        });
        ConfigException withoutMark = catchThrowableOfType(ConfigException.class,
                () -> reader.parse(source, text));
        assertThat(withoutMark.errors()).as("the same errors as without the mark").isEqualTo(e.errors());
    }

    @Test
    void textThatStillCarriesTheMarkAsACharacterIsReadToo() {
        ConfigSource source = new ConfigSource(home, home.resolve("patchbay.json"), true);

        PatchbayConfig config = reader.parse(source, "\uFEFF{\"logging\": {\"level\": \"ERROR\"}}");

        assertThat(config.logLevel()).isEqualTo("ERROR");
    }

    @Test
    void aMarkAnywhereElseIsStillAnError() {
        ConfigSource source = new ConfigSource(home, home.resolve("patchbay.json"), true);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> reader.parse(source, "{\"logging\": \uFEFF{\"level\": \"ERROR\"}}"));

        assertThat(e).isNotNull();
        assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .startsWith("malformed JSON"));
    }
}
