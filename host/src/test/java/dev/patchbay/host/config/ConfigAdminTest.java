package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code admin} section and its environment overrides. */
class ConfigAdminTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private final ConfigReader reader = new ConfigReader(name -> null);

    @Test
    void withoutTheSectionTheDefaultsStandWithTheTokenUnderTheHome() {
        AdminSettings expected = new AdminSettings("127.0.0.1", 8787, HOME.resolve("state/admin.token"));

        assertThat(reader.parse(SOURCE, "{}").admin()).isEqualTo(expected);
        assertThat(reader.parse(SOURCE, "{\"admin\": {}}").admin()).isEqualTo(expected);
        assertThat(reader.defaults(SOURCE).admin()).isEqualTo(expected);
    }

    @Test
    void everyKeyIsRead() {
        AdminSettings admin = reader.parse(SOURCE, "{\"admin\": {\"host\": \"0.0.0.0\", \"port\": 0, "
                + "\"tokenFile\": \"secrets/../secrets/admin.token\"}}").admin();

        assertThat(admin).isEqualTo(new AdminSettings("0.0.0.0", 0, HOME.resolve("secrets/admin.token")));
    }

    @Test
    void anAbsoluteTokenFileStaysWhereItIs() {
        assertThat(reader.parse(SOURCE, "{\"admin\": {\"tokenFile\": \"/etc/patchbay/token\"}}").admin().tokenFile())
                .isEqualTo(Path.of("/etc/patchbay/token"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not an object | {'admin': 8787} | $.admin | 1 | 11 | \"admin\" is the number 8787 but must be an object",
        "unknown key | {'admin': {'prot': 1}} | $.admin.prot | 1 | 12 | did you mean \"port\"?",
        "host a number | {'admin': {'host': 1}} | $.admin.host | 1 | 20 | \"host\" is the number 1 but must be",
        "host blank | {'admin': {'host': ' '}} | $.admin.host | 1 | 20 | \"host\" is the string \" \"",
        "port negative | {'admin': {'port': -1}} | $.admin.port | 1 | 20 | -1",
        "port too big | {'admin': {'port': 65536}} | $.admin.port | 1 | 20 | from 0 to 65535",
        "port a string | {'admin': {'port': '8787'}} | $.admin.port | 1 | 20 | the string \"8787\"",
        "port a fraction | {'admin': {'port': 80.5}} | $.admin.port | 1 | 20 | 80.5 is not a whole number",
        "token file an array | {'admin': {'tokenFile': []}} | $.admin.tokenFile | 1 | 25 | an array but must be a file",
        "token file empty | {'admin': {'tokenFile': ''}} | $.admin.tokenFile | 1 | 25 | the string \"\"",
    })
    void aBadValueIsAnErrorAtItsLineAndColumn(String name, String json, String path, int line, int column,
            String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> reader.parse(SOURCE, json.replace('\'', '"')));

        assertThat(e).as("expected an error for %s", json).isNotNull();
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location()).isEqualTo(new Location(line, column));
            assertThat(error.message() + " " + error.fix()).contains(message);
            assertThat(error.fix()).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "default                 | -         | -    | -            | -    | 127.0.0.1 | 8787 | state/admin.token",
        "file over default       | {'host': '::1', 'port': 9000, 'tokenFile': 't'} | - | - | - | ::1 | 9000 | t",
        "env over file           | {'host': '::1', 'port': 9000, 'tokenFile': 't'} | 0.0.0.0 | 0 | /run/tok "
                + "| 0.0.0.0 | 0 | /run/tok",
        "env over default        | -         | localhost | 7000 | x/tok | localhost | 7000 | x/tok",
        "empty env is unset      | {'port': 9000} | ''  | ''   | ''           | 127.0.0.1 | 9000 | state/admin.token",
        "env trimmed             | -         | ' ::1 ' | ' 81 ' | -          | ::1       | 81   | state/admin.token",
    })
    void theEnvironmentWinsOverTheFileAndTheFileOverTheDefault(String name, String section, String host,
            String port, String tokenFile, String expectedHost, int expectedPort, String expectedTokenFile) {
        Map<String, String> environment = new java.util.HashMap<>();
        put(environment, AdminSettings.ENV_HOST, host);
        put(environment, AdminSettings.ENV_PORT, port);
        put(environment, AdminSettings.ENV_TOKEN_FILE, tokenFile);
        String json = section == null ? "{}" : "{\"admin\": " + section.replace('\'', '"') + "}";

        AdminSettings admin = new ConfigReader(environment::get).parse(SOURCE, json).admin();

        assertThat(admin).isEqualTo(new AdminSettings(expectedHost, expectedPort, HOME.resolve(expectedTokenFile)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "PATCHBAY_ADMIN_PORT | abc   | $.admin.port",
        "PATCHBAY_ADMIN_PORT | 70000 | $.admin.port",
        "PATCHBAY_ADMIN_PORT | -1    | $.admin.port",
        "PATCHBAY_ADMIN_PORT | 80.0  | $.admin.port",
    })
    void aBadVariableIsAnErrorNamingItAndQuotingTheValue(String variable, String value, String path) {
        ConfigReader withVariable = new ConfigReader(Map.of(variable, value)::get);

        for (ConfigException e : new ConfigException[] {
            catchThrowableOfType(ConfigException.class, () -> withVariable.parse(SOURCE, "{\"admin\": {}}")),
            catchThrowableOfType(ConfigException.class, () -> withVariable.defaults(SOURCE)),
        }) {
            assertThat(e).isNotNull();
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.path()).isEqualTo(path);
                assertThat(error.location()).isEqualTo(Location.UNKNOWN);
                assertThat(error.message()).contains(variable).contains("'" + value + "'");
                assertThat(error.fix()).contains("unset it");
            });
        }
    }

    @ParameterizedTest
    @CsvSource({"-1", "65536"})
    void theValueTypeRefusesAPortOutOfRange(int port) {
        assertThatThrownBy(() -> new AdminSettings("127.0.0.1", port, HOME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(port));
    }

    @Test
    void theValueTypeRefusesABlankHost() {
        assertThatThrownBy(() -> new AdminSettings(" ", 1, HOME)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void put(Map<String, String> environment, String name, String value) {
        if (value != null) {
            environment.put(name, value);
        }
    }
}
