package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code logging.console} and {@code logging.file}: where log lines go. */
class ConfigLogOutputsTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private final ConfigReader reader = new ConfigReader();

    @Test
    void withoutTheKeysLinesGoToTheConsoleOnly() {
        assertThat(reader.defaults(SOURCE).logOutputs()).isEqualTo(LogOutputs.CONSOLE);
        assertThat(reader.parse(SOURCE, "{\"logging\": {\"level\": \"INFO\"}}").logOutputs())
                .isEqualTo(LogOutputs.CONSOLE);
    }

    @Test
    void anEmptyFileObjectTakesTheDefaultsUnderTheHome() {
        LogOutputs outputs = reader.parse(SOURCE, "{\"logging\": {\"file\": {}}}").logOutputs();

        assertThat(outputs).isEqualTo(new LogOutputs(true, Optional.of(
                new LogOutputs.File(HOME.resolve("logs/patchbay.log"), 50, 14, 1000))));
    }

    @Test
    void everySettingIsRead() {
        LogOutputs outputs = reader.parse(SOURCE, "{\"logging\": {\"console\": false, \"file\": {\"path\": "
                + "\"/var/log/patchbay/host.log\", \"maxFileSizeMb\": 5, \"maxHistoryDays\": 3, "
                + "\"totalSizeCapMb\": 20}}}").logOutputs();

        assertThat(outputs).isEqualTo(new LogOutputs(false, Optional.of(
                new LogOutputs.File(Path.of("/var/log/patchbay/host.log"), 5, 3, 20))));
    }

    @Test
    void fileTrueIsTheDefaultFileAndFileFalseDeclinesTheFileServeWritesByDefault() {
        LogOutputs.File standard = new LogOutputs.File(HOME.resolve("logs/patchbay.log"), 50, 14, 1000);

        assertThat(reader.parse(SOURCE, "{\"logging\": {\"file\": true}}").logOutputs())
                .isEqualTo(new LogOutputs(true, Optional.of(standard)));
        LogOutputs declined = reader.parse(SOURCE, "{\"logging\": {\"file\": false}}").logOutputs();
        assertThat(declined).isEqualTo(new LogOutputs(true, Optional.empty(), true));
        assertThat(declined.withDefaultFile(HOME)).as("serve keeps it declined").isEqualTo(declined);
        assertThat(LogOutputs.CONSOLE.withDefaultFile(HOME)).as("serve's default")
                .isEqualTo(new LogOutputs(true, Optional.of(standard)));
        LogOutputs named = reader.parse(SOURCE, "{\"logging\": {\"file\": {\"path\": \"/var/log/p.log\"}}}")
                .logOutputs();
        assertThat(named.withDefaultFile(HOME)).isEqualTo(named);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "console not a boolean | {'logging': {'console': 'no'}} | $.logging.console "
                + "| \"console\" is the string \"no\" but must be true or false",
        "nothing would be logged | {'logging': {'console': false}} | $.logging.console "
                + "| \"console\" is false and there is no \"file\", so nothing would be logged",
        "file not an object | {'logging': {'file': 'logs/x.log'}} | $.logging.file | must be an object",
        "unknown file key | {'logging': {'file': {'maxSizeMb': 5}}} | $.logging.file.maxSizeMb "
                + "| unknown key \"maxSizeMb\"",
        "blank path | {'logging': {'file': {'path': ' '}}} | $.logging.file.path | but must be a file path",
        "zero size | {'logging': {'file': {'maxFileSizeMb': 0}}} | $.logging.file.maxFileSizeMb | 0",
        "cap below the size | {'logging': {'file': {'maxFileSizeMb': 100, 'totalSizeCapMb': 10}}} "
                + "| $.logging.file.totalSizeCapMb | \"totalSizeCapMb\" is 10 but must be at least \"maxFileSizeMb\" (100)",
        "unknown logging key | {'logging': {'files': {}}} | $.logging.files | did you mean \"file\"?",
        "nothing would be logged, file false | {'logging': {'console': false, 'file': false}} | $.logging.file "
                + "| \"console\" and \"file\" are both false, so nothing would be logged",
    })
    void aBadValueIsAnErrorAtItsPath(String name, String json, String path, String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> reader.parse(SOURCE, json.replace('\'', '"')));

        assertThat(e).as("expected an error for %s", json).isNotNull();
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.message() + " " + error.fix()).contains(message);
            assertThat(error.fix()).isNotBlank();
        });
    }
}
