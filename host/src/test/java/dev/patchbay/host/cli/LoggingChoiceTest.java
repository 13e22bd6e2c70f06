package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.config.ConfigReader;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.logging.LogFile;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Precedence of the log format and level: option, then environment variable, then configuration, then default. */
class LoggingChoiceTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private static GlobalOptions options(String... args) {
        GlobalOptions options = new GlobalOptions();
        new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return options;
    }

    private static PatchbayConfig config(String format, String level) {
        StringBuilder logging = new StringBuilder();
        if (!format.isEmpty()) {
            logging.append("\"format\": \"").append(format).append('"');
        }
        if (!level.isEmpty()) {
            logging.append(logging.length() > 0 ? ", " : "").append("\"level\": \"").append(level).append('"');
        }
        return new ConfigReader().parse(SOURCE, "{\"logging\": {" + logging + "}}");
    }

    private static Map<String, String> environment(String format, String level) {
        Map<String, String> environment = new HashMap<>();
        environment.put(LoggingChoice.ENV_FORMAT, format.isEmpty() ? null : format);
        environment.put(LoggingChoice.ENV_LEVEL, level.isEmpty() ? null : level);
        return environment;
    }

    @ParameterizedTest(name = "option ''{0}'', environment ''{1}'', file ''{2}'' -> {3}")
    @CsvSource(nullValues = "none", value = {
        "'',     '',     '',     text",
        "'',     '',     json,   json",
        "'',     json,   '',     json",
        "'',     JSON,   text,   json",
        "text,   json,   json,   text",
        "json,   '',     text,   json",
    })
    void theFormatComesFromTheOptionThenTheEnvironmentThenTheFile(String option, String variable, String file,
            String expected) {
        String[] args = option.isEmpty() ? new String[0] : new String[] {"--log-format", option};
        LoggingChoice choice = new LoggingChoice(environment(variable, "")::get);

        LogSettings settings = choice.withConfig(options(args), config(file, ""));

        assertThat(settings.format().label()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "option ''{0}'', environment ''{1}'', file ''{2}'' -> {3}")
    @CsvSource({
        "'',     '',     '',     INFO",
        "'',     '',     WARN,   WARN",
        "'',     debug,  WARN,   DEBUG",
        "'',     ERROR,  '',     ERROR",
        "trace,  debug,  WARN,   TRACE",
        "OFF,    '',     DEBUG,  OFF",
    })
    void theLevelComesFromTheOptionThenTheEnvironmentThenTheFile(String option, String variable, String file,
            String expected) {
        String[] args = option.isEmpty() ? new String[0] : new String[] {"--log-level", option};
        LoggingChoice choice = new LoggingChoice(environment("", variable)::get);

        assertThat(choice.withConfig(options(args), config("", file)).level()).isEqualTo(expected);
        assertThat(choice.level(options(args))).isEqualTo(
                option.isEmpty() && variable.isEmpty() ? Optional.empty() : Optional.of(expected));
    }

    @Test
    void withoutAConfigurationTheEnvironmentStillApplies() {
        LoggingChoice choice = new LoggingChoice(environment("json", "warn")::get);

        assertThat(choice.withoutConfig(options())).isEqualTo(LogSettings.console(LogFormat.JSON, "WARN"));
        assertThat(choice.withoutConfig(options("--log-level", "ERROR")).level()).isEqualTo("ERROR");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "PATCHBAY_LOG_FORMAT, xml,  'text, json'",
        "PATCHBAY_LOG_LEVEL,  LOUD, 'TRACE, DEBUG, INFO, WARN, ERROR, OFF'",
    })
    void anInvalidVariableIsAUsageErrorNamingItTheValueAndTheChoices(String variable, String value,
            String choices) {
        LoggingChoice choice = new LoggingChoice(Map.of(variable, value)::get);

        assertThatThrownBy(() -> choice.withoutConfig(options()))
                .isInstanceOf(UsageException.class)
                .hasMessage("the environment variable " + variable + " is '" + value + "', which is not one of "
                        + choices + "; set it to one of them or unset it");
    }

    @Test
    void theFileSettingsBecomeALogFileInBytesUnderTheHome() {
        PatchbayConfig config = new ConfigReader().parse(SOURCE, "{\"logging\": {\"console\": false, "
                + "\"file\": {\"maxFileSizeMb\": 2, \"maxHistoryDays\": 7, \"totalSizeCapMb\": 10}}}");

        LogSettings settings = new LoggingChoice(name -> null).withConfig(options(), config);

        assertThat(settings.console()).isFalse();
        assertThat(settings.file()).contains(new LogFile(HOME.resolve("logs/patchbay.log"), 2L << 20, 7, 10L << 20));
        assertThat(LoggingChoice.operatorFile(config)).isEqualTo(HOME.resolve("config/logback.xml"));
    }
}
