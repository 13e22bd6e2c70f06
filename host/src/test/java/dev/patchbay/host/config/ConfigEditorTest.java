package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigEditorTest {

    private static final Set<String> KNOWN = Set.of("files", "transforms", "hello");

    @TempDir
    Path home;

    private final ObjectMapper mapper = new ObjectMapper();

    private ConfigSource source() {
        return new ConfigSource(home, home.resolve("config/patchbay.json"), false);
    }

    private void write(String json) throws IOException {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(source().file(), json.replace('\'', '"'));
    }

    private JsonNode read() throws IOException {
        return mapper.readTree(source().file().toFile());
    }

    private static List<String> strings(JsonNode array) {
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(i -> array.get(i).asText()).toList();
    }

    private ConfigEditor editor() {
        return new ConfigEditor(new ConfigReader(), new AtomicFiles());
    }

    @Test
    void disablingKeepsEveryOtherKeyAndTheKeyOrder() throws IOException {
        write("{'runtime': {'shutdownGraceSeconds': 7}, 'plugins': {'directory': 'ext', 'enabled': []},"
                + " 'pipelines': {'p': {'source': {'use': 'files/a', 'settings': {'z': 1, 'a': [true, null]}},"
                + " 'sink': {'use': 'files/b'}}}, 'logging': {'level': 'WARN'}}");

        ConfigEditor.Outcome outcome = editor().disable(source(), "hello", KNOWN);

        assertThat(outcome.changed()).isTrue();
        JsonNode root = read();
        assertThat(root.fieldNames()).toIterable().containsExactly("runtime", "plugins", "pipelines", "logging");
        assertThat(root.get("plugins").fieldNames()).toIterable().containsExactly("directory", "enabled", "disabled");
        assertThat(strings(root.get("plugins").get("disabled"))).containsExactly("hello");
        assertThat(root.get("runtime").get("shutdownGraceSeconds").asInt()).isEqualTo(7);
        assertThat(root.get("pipelines").get("p").get("source").get("settings").fieldNames()).toIterable()
                .containsExactly("z", "a");
        assertThat(root.get("logging").get("level").asText()).isEqualTo("WARN");
        assertThat(new ConfigReader().read(source()).disabled()).containsExactly("hello");
    }

    @Test
    void enablingRemovesTheIdFromDisabledAndAddsItToANonEmptyAllowlist() throws IOException {
        write("{'plugins': {'enabled': ['files'], 'disabled': ['transforms', 'hello']}}");

        editor().enable(source(), "hello", KNOWN);

        JsonNode plugins = read().get("plugins");
        assertThat(strings(plugins.get("enabled"))).containsExactly("files", "hello");
        assertThat(strings(plugins.get("disabled"))).containsExactly("transforms");
    }

    @Test
    void enablingWithoutAnAllowlistOnlyRemovesFromDisabled() throws IOException {
        write("{'plugins': {'disabled': ['hello']}}");

        ConfigEditor.Outcome outcome = editor().enable(source(), "hello", KNOWN);

        JsonNode plugins = read().get("plugins");
        assertThat(plugins.has("enabled")).isFalse();
        assertThat(strings(plugins.get("disabled"))).isEmpty();
        assertThat(outcome.notes()).anySatisfy(n -> assertThat(n).contains("every installed plugin"));
    }

    @Test
    void disablingRemovesTheIdFromTheAllowlistSoItIsNeverInBoth() throws IOException {
        write("{'plugins': {'enabled': ['files', 'hello']}}");

        editor().disable(source(), "hello", KNOWN);

        PatchbayConfig config = new ConfigReader().read(source());
        assertThat(config.enabled()).containsExactly("files");
        assertThat(config.disabled()).containsExactly("hello");
    }

    @Test
    void disablingTheLastAllowedPluginSaysThatTheEmptyAllowlistMeansAll() throws IOException {
        write("{'plugins': {'enabled': ['hello']}}");

        ConfigEditor.Outcome outcome = editor().disable(source(), "hello", KNOWN);

        assertThat(outcome.notes()).singleElement().asString().contains("now empty");
    }

    @Test
    void repeatingAnEditChangesNothingAndLeavesTheFileUntouched() throws IOException {
        write("{'plugins': {'disabled': ['hello']}}");
        byte[] before = Files.readAllBytes(source().file());

        ConfigEditor.Outcome outcome = editor().disable(source(), "hello", KNOWN);

        assertThat(outcome.changed()).isFalse();
        assertThat(Files.readAllBytes(source().file())).isEqualTo(before);
    }

    @Test
    void aMissingConfigFileIsCreatedWithJustThePluginsSection() throws IOException {
        editor().disable(source(), "files", KNOWN);

        assertThat(read().toString()).isEqualTo("{\"plugins\":{\"disabled\":[\"files\"]}}");
    }

    @Test
    void anUnknownIdIsRejectedListingTheKnownIdsAndTheFileIsUntouched() throws IOException {
        write("{'plugins': {}}");
        byte[] before = Files.readAllBytes(source().file());

        assertThatThrownBy(() -> editor().enable(source(), "helo", KNOWN))
                .isInstanceOf(ConfigEditor.UnknownPluginException.class)
                .hasMessage("no plugin with id 'helo' in the plugins folder; did you mean 'hello'? known ids: files, "
                        + "hello, transforms");
        assertThat(Files.readAllBytes(source().file())).isEqualTo(before);
    }

    @Test
    void anInvalidConfigIsNotEditedAndItsErrorsAreReported() throws IOException {
        write("{'plugins': {'enabled': 'files'}}");
        byte[] before = Files.readAllBytes(source().file());

        assertThatThrownBy(() -> editor().disable(source(), "files", KNOWN)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("$.plugins.enabled");
        assertThat(Files.readAllBytes(source().file())).isEqualTo(before);
    }

    @Test
    void aCrashBeforeTheRenameLeavesTheOldFileWhole() throws IOException {
        write("{'plugins': {'disabled': []}}");
        byte[] before = Files.readAllBytes(source().file());
        AtomicFiles crashing = new AtomicFiles((from, to) -> {
            assertThat(Files.readString(from)).contains("\"hello\"");
            throw new IOException("simulated crash before rename");
        });
        ConfigEditor editor = new ConfigEditor(new ConfigReader(), crashing);

        assertThatThrownBy(() -> editor.disable(source(), "hello", KNOWN)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write the configuration file '" + source().file() + "'",
                        "simulated crash before rename", "it is unchanged",
                        "check that its folder is writable by this user")
                .hasRootCauseMessage("simulated crash before rename");
        assertThat(Files.readAllBytes(source().file())).isEqualTo(before);
        try (Stream<Path> files = Files.list(source().file().getParent())) {
            assertThat(files).containsExactly(source().file());
        }
    }

    @Test
    void anUnreadableConfigFileIsReportedNamingItAndSayingWhatToCheck() throws IOException {
        Files.createDirectories(source().file());

        assertThatThrownBy(() -> editor().disable(source(), "hello", KNOWN)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read the configuration file '" + source().file() + "'",
                        "check that it is a regular file readable by this user");
    }
}
