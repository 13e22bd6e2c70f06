package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ExtensionExceptionTest {

    @Test
    void prefixesTheMessageWithTheExtensionName() {
        ExtensionException e = new ExtensionException("csv-source", "bad quote in line 3");

        assertThat(e.extension()).isEqualTo("csv-source");
        assertThat(e).hasMessage("csv-source: bad quote in line 3").hasNoCause().isInstanceOf(RuntimeException.class);
    }

    @Test
    void keepsTheCause() {
        IOException cause = new IOException("disk full");

        ExtensionException e = new ExtensionException("file-sink", "cannot write out.csv", cause);

        assertThat(e.extension()).isEqualTo("file-sink");
        assertThat(e).hasMessage("file-sink: cannot write out.csv").cause().isSameAs(cause);
    }

    @Test
    void rejectsNullArgumentsNamingThem() {
        assertThatThrownBy(() -> new ExtensionException(null, "m")).isInstanceOf(NullPointerException.class)
                .hasMessage("extension");
        assertThatThrownBy(() -> new ExtensionException("e", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("message");
        assertThatThrownBy(() -> new ExtensionException("e", "m", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("cause");
    }
}
