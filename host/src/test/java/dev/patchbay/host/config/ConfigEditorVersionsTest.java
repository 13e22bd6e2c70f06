package dev.patchbay.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ConfigEditor} with {@code id@version} entries: one version in or out, an id for every version. */
class ConfigEditorVersionsTest {

    private static final Set<String> KNOWN = Set.of("files", "files@1.0.0", "files@1.1.0", "files@2.0.0",
            "hello", "hello@1.0.0");

    @TempDir
    Path home;

    private ConfigSource source() {
        return new ConfigSource(home, home.resolve("config/patchbay.json"), false);
    }

    private List<String> list(String key) throws IOException {
        JsonNode array = new ObjectMapper().readTree(source().file().toFile()).path("plugins").path(key);
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(i -> array.get(i).asText()).toList();
    }

    @ParameterizedTest(name = "{0} {1}: enabled [{2}] disabled [{3}] -> enabled [{4}] disabled [{5}]")
    @CsvSource(delimiter = '|', value = {
        // One version out while every other stays: the whole-id disable becomes one entry per other version.
        "enable | files@1.1.0 |  | files |  | files@1.0.0,files@2.0.0",
        "enable | files@1.1.0 | hello | files@1.1.0 | hello,files@1.1.0 | ''",
        "enable | files@1.1.0 | files |  | files | ''",
        "enable | files |  | files@1.0.0,hello |  | hello",
        "disable | files@1.0.0 | files@1.0.0,hello |  | hello | files@1.0.0",
        "disable | files@1.0.0 |  | files |  | files",
        "disable | files | files@2.0.0,hello | files@1.0.0 | hello | files"
    })
    void editsTheEntries(String verb, String entry, String enabled, String disabled, String enabledAfter,
            String disabledAfter) throws IOException {
        Files.createDirectories(source().file().getParent());
        Files.writeString(source().file(), "{\"plugins\": {" + (enabled == null ? "" : "\"enabled\": ["
                + quoted(enabled) + "], ") + "\"disabled\": [" + quoted(disabled) + "]}}");
        ConfigEditor editor = new ConfigEditor(new ConfigReader(), new AtomicFiles());

        if (verb.equals("enable")) {
            editor.enable(source(), entry, KNOWN);
        } else {
            editor.disable(source(), entry, KNOWN);
        }

        assertThat(list("enabled")).containsExactlyElementsOf(split(enabledAfter));
        assertThat(list("disabled")).containsExactlyElementsOf(split(disabledAfter));
    }

    @Test
    void anUnknownVersionListsTheInstalledVersionsOfThatId() {
        assertThatThrownBy(() -> new ConfigEditor(new ConfigReader(), new AtomicFiles())
                .disable(source(), "files@1.2.0", KNOWN)).isInstanceOf(ConfigEditor.UnknownPluginException.class)
                .hasMessageContaining("plugin 'files' has no version '1.2.0' in the plugins folder; did you mean"
                        + " 'files@1.0.0'").hasMessageEndingWith("installed: files@1.0.0, files@1.1.0, files@2.0.0");
    }

    private static String quoted(String csv) {
        return csv == null ? "" : String.join(", ", split(csv).stream().map(e -> "\"" + e + "\"").toList());
    }

    private static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Stream.of(csv.split(",")).map(e -> e.trim().replace("'", "")).filter(e -> !e.isEmpty()).toList();
    }
}
