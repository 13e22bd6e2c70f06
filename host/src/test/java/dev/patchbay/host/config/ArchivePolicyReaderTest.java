package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patchbay.host.plugin.ArchivePolicy;
import dev.patchbay.host.plugin.ArchivePolicy.LockMode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code plugins.lock}, {@code plugins.trust} and {@code plugins.requireSigned}, read into {@link ArchivePolicy}. */
class ArchivePolicyReaderTest {

    private static final Path HOME = Path.of("/opt/patchbay");
    private static final ConfigSource SOURCE = new ConfigSource(HOME, HOME.resolve("config/patchbay.json"), false);

    private final ConfigReader reader = new ConfigReader();

    @Test
    void withoutTheKeysTheLockIsOffNothingMustBeSignedAndThePlacesAreTheHomeDefaults() {
        ArchivePolicy expected = new ArchivePolicy(LockMode.OFF, HOME.resolve("config/plugins.lock"),
                HOME.resolve("config/trust"), false);

        assertThat(reader.parse(SOURCE, "{\"plugins\": {}}").archivePolicy()).isEqualTo(expected);
        assertThat(reader.parse(SOURCE, "{}").archivePolicy()).isEqualTo(expected);
        assertThat(reader.defaults(SOURCE).archivePolicy()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"lock\": \"{0}\"")
    @CsvSource({"off, OFF", "warn, WARN", "enforce, ENFORCE"})
    void lockTakesEachMode(String written, LockMode mode) {
        ArchivePolicy policy = reader.parse(SOURCE, "{\"plugins\": {\"lock\": \"" + written + "\"}}").archivePolicy();

        assertThat(policy.lock()).isEqualTo(mode);
        assertThat(policy.lockFile()).isEqualTo(HOME.resolve(ArchivePolicy.LOCK_FILE));
    }

    @ParameterizedTest(name = "\"trust\": \"{0}\"")
    @CsvSource({"config/certs, /opt/patchbay/config/certs", "/etc/patchbay/trust, /etc/patchbay/trust",
        "./a/../trust, /opt/patchbay/trust"})
    void trustIsAFolderRelativeToTheHome(String written, String expected) {
        ArchivePolicy policy = reader.parse(SOURCE, "{\"plugins\": {\"trust\": \"" + written + "\"}}")
                .archivePolicy();

        assertThat(policy.trustDirectory()).isEqualTo(Path.of(expected));
    }

    @Test
    void requireSignedIsABoolean() {
        assertThat(reader.parse(SOURCE, "{\"plugins\": {\"requireSigned\": true}}").archivePolicy()
                .requireSigned()).isTrue();
        assertThat(reader.parse(SOURCE, "{\"plugins\": {\"requireSigned\": false}}").archivePolicy()
                .requireSigned()).isFalse();
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("an unknown lock mode", "{\n  \"plugins\": {\"lock\": \"strict\"}\n}",
                        "$.plugins.lock", 2, 23,
                        "\"lock\" is the string \"strict\" but must be one of \"off\", \"warn\", \"enforce\""),
                Arguments.of("a lock mode in capitals", "{\"plugins\": {\"lock\": \"ENFORCE\"}}",
                        "$.plugins.lock", 1, 22, "\"lock\" is the string \"ENFORCE\" but must be one of"),
                Arguments.of("a boolean lock", "{\"plugins\": {\"lock\": true}}",
                        "$.plugins.lock", 1, 22, "\"lock\" is the boolean true but must be one of"),
                Arguments.of("a blank trust folder", "{\n  \"plugins\": {\n    \"trust\": \" \"\n  }\n}",
                        "$.plugins.trust", 3, 14, "\"trust\" is the string \" \" but must be a non-empty string"),
                Arguments.of("a number as trust folder", "{\"plugins\": {\"trust\": 7}}",
                        "$.plugins.trust", 1, 23, "\"trust\" is the number 7 but must be a non-empty string"),
                Arguments.of("a string for requireSigned", "{\"plugins\": {\"requireSigned\": \"yes\"}}",
                        "$.plugins.requireSigned", 1, 31,
                        "\"requireSigned\" is the string \"yes\" but must be true or false"));
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
    void aMisspeltKeySuggestsTheRightOne() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> reader.parse(SOURCE, "{\"plugins\": {\"requiresigned\": true}}"));

        assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.fix())
                .contains("did you mean \"requireSigned\"?"));
    }
}
