package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginSelectionTest {

    @ParameterizedTest(name = "enabled [{0}] disabled [{1}]: {2} enabled = {3}")
    @CsvSource(delimiter = '|', value = {
        "     |     | csv | true",
        "csv  |     | csv | true",
        "csv  |     | geo | false",
        "     | csv | csv | false",
        "csv  | csv | csv | false",
        "     | geo | csv | true"
    })
    void emptyEnabledMeansAllAndDisabledWins(String enabled, String disabled, String id, boolean expected) {
        PluginSelection selection = new PluginSelection(set(enabled), set(disabled));
        assertThat(selection.isEnabled(id)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void allEnablesEverything() {
        assertThat(PluginSelection.all().isEnabled("anything")).isTrue();
    }

    private static Set<String> set(String value) {
        return value == null || value.isBlank() ? Set.of() : Set.of(value.trim());
    }
}
