package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingsExceptionTest {

    @Test
    void namesTheExtensionAndTheKeyInTheMessage() {
        SettingsException e = new SettingsException("csv-source", "delimiter", "must be one character, got \";;\"");

        assertThat(e.extension()).isEqualTo("csv-source");
        assertThat(e.key()).isEqualTo("delimiter");
        assertThat(e).isInstanceOf(ExtensionException.class)
                .hasMessage("csv-source: setting 'delimiter': must be one character, got \";;\"");
    }

    @Test
    void rejectsNullArgumentsNamingThem() {
        assertThatThrownBy(() -> new SettingsException("e", null, "m")).isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> new SettingsException(null, "k", "m")).isInstanceOf(NullPointerException.class)
                .hasMessage("extension");
    }
}
