package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 1.3.0 defaults of {@link ExtensionContext#status} and {@link SourceContext#committed()}/{@code flush()}. */
class ContextDefaultsTest {

    private static SourceContext resumingFrom(Optional<Position> resumeFrom) {
        return new SourceContext() {
            @Override
            public Optional<Position> resumeFrom() {
                return resumeFrom;
            }

            @Override
            public String pluginId() {
                return "kafka";
            }

            @Override
            public String extensionName() {
                return "source";
            }

            @Override
            public String stageId() {
                return "orders/source";
            }

            @Override
            public System.Logger logger() {
                return System.getLogger("test");
            }

            @Override
            public Path baseDirectory() {
                return Path.of("/tmp");
            }
        };
    }

    @Test
    void committedDefaultsToWhereTheSourceResumedFrom() {
        Position position = new Position("orders:0=42");

        assertThat(resumingFrom(Optional.of(position)).committed()).contains(position);
        assertThat(resumingFrom(Optional.empty()).committed()).isEmpty();
    }

    @Test
    void flushRefusesInAContextThatCannotFlushRatherThanPretending() {
        assertThatThrownBy(() -> resumingFrom(Optional.empty()).flush())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("this context cannot flush; only the Patchbay host's contexts flush on a source's"
                        + " request");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"partitions", "a1", "heldPartitions"})
    void statusAcceptsLowerCamelCaseNames(String name) {
        assertThatCode(() -> resumingFrom(Optional.empty()).status(name, "orders:0")).doesNotThrowAnyException();
        assertThatCode(() -> resumingFrom(Optional.empty()).status(name, "")).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "Partitions", "held-partitions", "held partitions", "1st"})
    void statusRefusesOtherNamesQuotingThem(String name) {
        assertThatThrownBy(() -> resumingFrom(Optional.empty()).status(name, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status value name '" + name
                        + "' is not valid; use lowerCamelCase letters and digits, for example 'partitions'");
    }

    @Test
    void statusRefusesNullNamingTheValue() {
        assertThatThrownBy(() -> resumingFrom(Optional.empty()).status("partitions", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value of status 'partitions'");
        assertThatThrownBy(() -> resumingFrom(Optional.empty()).status(null, "x"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("status value");
    }
}
