package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A factory whose constructor or static initialiser casts a dependency's object to the plugin's own bundled copy of
 * its class: the start problem names both loaders and files, as a pipeline failure does.
 */
class FactoryClassConflictTest {

    private static final String API = "package shared; public class Api { public static Object widget() { "
            + "return new w.Widget(); } }";

    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            constructor        | public Cast() { w.Widget widget = (w.Widget) shared.Api.widget(); }
            static initialiser | static { w.Widget widget = (w.Widget) shared.Api.widget(); }
            """)
    void theStartProblemNamesBothLoadersAndTheirFiles(String where, String body) throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path libs = Files.createDirectories(home.resolve("libs"));
        Path widget1 = PluginJarBuilder.library("widget-1").source("w.Widget", "package w; public class Widget { }")
                .buildJar(libs);
        Path widget2 = PluginJarBuilder.library("widget-2").source("w.Widget", "package w; public class Widget { }")
                .buildJar(libs);
        Path sharedApi = PluginJarBuilder.library("shared-api").source("shared.Api", API).compileAgainst(widget1)
                .buildJar(libs);
        PluginJarBuilder.plugin("shared").source("shared.Api", API).compileAgainst(widget1).lib(widget1)
                .buildZip(plugins);
        PluginJarBuilder.plugin("caster").dependencies("shared@>=1.0.0")
                .source("proc.Cast", Sources.processor("proc.Cast", "cast", body))
                .service(ProcessorFactory.class, "proc.Cast").compileAgainst(widget2, sharedApi).lib(widget2)
                .buildZip(plugins);

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            PluginInfo caster = platform.start().stream().filter(p -> p.id().equals("caster")).findFirst()
                    .orElseThrow();

            assertThat(caster.state()).isEqualTo(PluginState.FAILED);
            assertThat(caster.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.EXTENSION_INIT_FAILED);
                assertThat(problem.message()).contains("w.Widget cannot be cast to w.Widget: the object's class is "
                        + "plugin 'shared' 1.0.0's, loaded from plugins/shared.zip!lib/widget-1.jar, the cast's is "
                        + "plugin 'caster' 1.0.0's, loaded from plugins/caster.zip!lib/widget-2.jar")
                        .doesNotContain("which must not throw");
            });
        }
    }
}
