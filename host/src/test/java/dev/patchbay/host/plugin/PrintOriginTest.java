package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PrintOriginTest {

    @ParameterizedTest(name = "plugin id \"{0}\"")
    @MethodSource("blankIds")
    void anOriginNeedsAPluginId(String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PrintOrigin(id, Optional.empty()))
                .withMessage("plugin id '" + id + "' is blank; a console line needs the id of the plugin that"
                        + " wrote it");
    }

    static Stream<String> blankIds() {
        return Stream.of("", " ", "\t");
    }

    @Test
    void theHostsLoadersBelongToNoPlugin() {
        assertThat(PrintOrigin.pluginOf(PrintOriginTest.class.getClassLoader())).isEmpty();
        assertThat(PrintOrigin.pluginOf(ClassLoader.getPlatformClassLoader())).isEmpty();
        assertThat(PrintOrigin.pluginOf(null)).isEmpty();
    }
}
