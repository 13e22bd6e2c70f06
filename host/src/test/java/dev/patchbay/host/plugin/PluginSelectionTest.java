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

    @ParameterizedTest(name = "enabled [{0}] disabled [{1}]: {2} {3} enabled = {4}")
    @CsvSource(delimiter = '|', value = {
        "           |           | csv | 1.0.0 | true",
        "csv        |           | csv | 1.0.0 | true",
        "csv@1.1.0  |           | csv | 1.1.0 | true",
        "csv@1.1.0  |           | csv | 1.0.0 | false",
        "           | csv@1.0.0 | csv | 1.0.0 | false",
        "           | csv@1.0.0 | csv | 1.1.0 | true",
        "           | csv       | csv | 1.1.0 | false",
        "csv        | csv@1.0.0 | csv | 1.0.0 | false",
        "csv@1.0.0  | csv       | csv | 1.0.0 | false"
    })
    void aVersionEntrySelectsThatVersionAndAnIdEveryVersion(String enabled, String disabled, String id,
            String version, boolean expected) {
        PluginSelection selection = new PluginSelection(set(enabled), set(disabled));
        assertThat(selection.isEnabled(id, version)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void theIdAsAWholeIsDecidedByThePlainIdEntries() {
        PluginSelection selection = new PluginSelection(Set.of("csv@1.1.0"), Set.of("geo@1.0.0"));
        assertThat(selection.isEnabled("csv")).isFalse();
        assertThat(selection.isEnabled("geo")).isFalse();
        assertThat(new PluginSelection(Set.of(), Set.of("geo@1.0.0")).isEnabled("geo")).isTrue();
    }

    @org.junit.jupiter.api.Test
    void allEnablesEverything() {
        assertThat(PluginSelection.all().isEnabled("anything")).isTrue();
    }

    private static Set<String> set(String value) {
        return value == null || value.isBlank() ? Set.of() : Set.of(value.trim());
    }
}
