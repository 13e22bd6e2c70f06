package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.PluginLoggers;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A processor's class-loading failure, run through the host on real plugin archives: the failure message names the
 * loaders and the files each took the class from. {@code shared} (zip) bundles {@code lib/widget-1.jar} and hands out
 * its {@code w.Widget}; the processors depend on it. The missing method and the missing class are reached through
 * reflection ({@link #HIDDEN}), which the linkage check cannot follow: reached directly, discovery would refuse the
 * plugin before it runs (PB-PLUGIN-027, 028).
 */
class ClassLoadingFailureMessageTest {

    private static final String WIDGET_1 = "package w; public class Widget { public void one() {} }";
    private static final String WIDGET_2 = "package w; public class Widget { public void two() {} }";
    private static final String API = "package shared; public class Api { public static Object widget() { "
            + "return new w.Widget(); } }";

    /** Loads {@code proc.Hidden} by name, so that no class file of the factory refers to it. */
    private static final String HIDDEN = "try { ((Runnable) Class.forName(\"proc.Hidden\").getDeclaredConstructor()"
            + ".newInstance()).run(); } catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }";

    @TempDir
    Path home;

    private Path plugins;
    private Path widget2;
    private Path sharedApi;

    @BeforeEach
    void sharedPluginAndTheEnds() throws IOException {
        plugins = Files.createDirectories(home.resolve("plugins"));
        Path libs = Files.createDirectories(home.resolve("libs"));
        Path widget1 = PluginJarBuilder.library("widget-1").source("w.Widget", WIDGET_1).buildJar(libs);
        widget2 = PluginJarBuilder.library("widget-2").source("w.Widget", WIDGET_2).buildJar(libs);
        sharedApi = PluginJarBuilder.library("shared-api").source("shared.Api", API).compileAgainst(widget1)
                .buildJar(libs);
        PluginJarBuilder.plugin("shared").source("shared.Api", API).compileAgainst(widget1).lib(widget1)
                .buildZip(plugins);
        PluginJarBuilder.plugin("gen").source("gen.Count", Sources.countingSource("gen.Count", "count", 5))
                .service(SourceFactory.class, "gen.Count").buildJar(plugins);
        PluginJarBuilder.plugin("out").source("out.Drop", Sources.discardingSink("out.Drop", "drop"))
                .service(SinkFactory.class, "out.Drop").buildJar(plugins);
    }

    private static String processor(String name, String statement) {
        return Sources.processor("proc." + name, "go", "").replace("return (record, out) -> out.emit(record);",
                "return (record, out) -> { " + statement + " out.emit(record); };");
    }

    private static String hidden(String statement) {
        return "package proc; public class Hidden implements Runnable { public void run() { " + statement + " } }";
    }

    private String run(String pluginId) {
        String path = "$.pipelines.p";
        PipelineConfig pipeline = new PipelineConfig("p", new StageConfig("gen/count", Map.of(), path + ".source"),
                List.of(new StageConfig(pluginId + "/go", Map.of(), path + ".processors[0]")),
                new StageConfig("out/drop", Map.of(), path + ".sink"), 100, 10, 256, path);
        PatchbayConfig config = new PatchbayConfig(home.resolve("config/patchbay.json"), home, plugins, Set.of(),
                Set.of(), home.resolve("state"), "text", "INFO", 30, List.of(pipeline), ConfigLocations.none());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new RunCommand(() -> config, RunCommand::startPlatform,
                PluginLoggers::forStage));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute();
        assertThat(exit).as(out + "\n" + err).isNotZero();
        return out + "\n" + err;
    }

    @Test
    void aCastToTheProcessorsOwnCopyOfADependencysClassNamesBothLoadersAndFiles() {
        PluginJarBuilder.plugin("caster").dependencies("shared@>=1.0.0")
                .source("proc.Cast", processor("Cast", "w.Widget widget = (w.Widget) shared.Api.widget();"))
                .service(ProcessorFactory.class, "proc.Cast").compileAgainst(widget2, sharedApi).lib(widget2)
                .buildZip(plugins);

        String report = run("caster");

        assertThat(report).contains("java.lang.ClassCastException: class w.Widget cannot be cast to class w.Widget")
                .contains("w.Widget cannot be cast to w.Widget: the object's class is plugin 'shared' 1.0.0's, "
                        + "loaded from plugins/shared.zip!lib/widget-1.jar, the cast's is plugin 'caster' 1.0.0's, "
                        + "loaded from plugins/caster.zip!lib/widget-2.jar; each loader that defines a class makes a "
                        + "class of its own: let one plugin provide w.Widget")
                .contains("`patchbay plugins explain w.Widget --plugin caster` lists every copy");
    }

    @Test
    void aMethodMissingFromTheDependencysVersionNamesTheFileThePluginGotTheClassFrom() {
        PluginJarBuilder.plugin("caller").dependencies("shared@>=1.0.0")
                .source("proc.Call", processor("Call", HIDDEN)).source("proc.Hidden", hidden("new w.Widget().two();"))
                .service(ProcessorFactory.class, "proc.Call").compileAgainst(widget2).buildZip(plugins);

        String report = run("caller");

        assertThat(report).contains("java.lang.NoSuchMethodError: 'void w.Widget.two()'")
                .contains("w.Widget as plugin 'caller' 1.0.0 sees it is plugin 'shared' 1.0.0's, from "
                        + "plugins/shared.zip!lib/widget-1.jar, which has no 'void w.Widget.two()'; the plugin was "
                        + "built against another version of its dependency");
    }

    @Test
    void aClassNoLoaderProvidesSaysWhyAndTheFix() {
        PluginJarBuilder.plugin("lost").source("proc.Lost", processor("Lost", HIDDEN))
                .source("proc.Hidden", hidden("new w.Widget().two();"))
                .service(ProcessorFactory.class, "proc.Lost").compileAgainst(widget2).buildZip(plugins);

        String report = run("lost");

        assertThat(report).contains("java.lang.NoClassDefFoundError: w/Widget")
                .contains("w.Widget is not visible to plugin 'lost' 1.0.0: w.Widget is in plugin 'shared' 1.0.0 "
                        + "(plugins/shared.zip!lib/widget-1.jar), but plugin 'lost' 1.0.0 sees only the JDK")
                .contains("add 'shared' to Plugin-Dependencies");
    }
}
