package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.api.Row;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code plugins explain} over a home built at test time:
 * <ul>
 *   <li>{@code shared} 1.0.0 (zip): {@code classes/} with {@code shared.Api}, {@code lib/widget-1.jar} with
 *       {@code w.Widget} and {@code w.Gadget};</li>
 *   <li>{@code widgets} 1.0.0 (zip), depends on shared: {@code classes/} with {@code widgets.Own} and
 *       {@code lib/widget-2.jar} with its own {@code w.Widget} (which hides shared's);</li>
 *   <li>{@code user} 1.0.0 (jar), depends on shared: {@code user.Main};</li>
 *   <li>{@code loner} 1.0.0 (jar), no dependencies;</li>
 *   <li>{@code bundler} 1.0.0 (jar) bundles the api's {@code Row} (FAILED for it).</li>
 * </ul>
 */
class PluginsExplainTest {

    @TempDir
    static Path home;

    @BeforeAll
    static void buildHome() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path libs = Files.createDirectories(home.resolve("libs"));
        Path widget1 = PluginJarBuilder.library("widget-1")
                .source("w.Widget", "package w; public class Widget { public void one() {} }")
                .source("w.Gadget", "package w; public class Gadget { }").buildJar(libs);
        Path widget2 = PluginJarBuilder.library("widget-2")
                .source("w.Widget", "package w; public class Widget { public void two() {} }").buildJar(libs);
        PluginJarBuilder.plugin("shared").source("shared.Api", "package shared; public class Api { }").lib(widget1)
                .buildZip(plugins);
        PluginJarBuilder.plugin("widgets").dependencies("shared@>=1.0.0")
                .source("widgets.Own", "package widgets; public class Own { }").lib(widget2).buildZip(plugins);
        PluginJarBuilder.plugin("user").dependencies("shared@>=1.0.0")
                .source("user.Main", "package user; public class Main { }").buildJar(plugins);
        PluginJarBuilder.plugin("loner").source("loner.Main", "package loner; public class Main { }")
                .buildJar(plugins);
        try (InputStream row = Row.class.getResourceAsStream("Row.class")) {
            PluginJarBuilder.plugin("bundler").source("bundler.Main", "package bundler; public class Main { }")
                    .classFile("dev.patchbay.api.Row", row.readAllBytes()).buildJar(plugins);
        }
    }

    @AfterAll
    static void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private static JsonNode explain(String className, String plugin) throws IOException {
        CliRun run = CliRun.in(home, "plugins", "explain", className, "--plugin", plugin, "--json");
        assertThat(run.exit()).as(run.err()).isIn(0, 1);
        return run.json();
    }

    private static List<String> others(JsonNode explanation) {
        List<String> others = new ArrayList<>();
        explanation.get("others").forEach(copy -> others.add(copy.get("relation").asText() + " "
                + copy.get("plugin").asText() + " " + copy.get("file").asText()));
        return others;
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            user.Main                   | user    | own        | plugin 'user' 1.0.0     | plugins/user.jar
            widgets.Own                 | widgets | own        | plugin 'widgets' 1.0.0  | plugins/widgets.zip!classes/
            w.Widget                    | widgets | own        | plugin 'widgets' 1.0.0  | plugins/widgets.zip!lib/widget-2.jar
            w.Widget                    | user    | dependency | plugin 'shared' 1.0.0   | plugins/shared.zip!lib/widget-1.jar
            w.Gadget                    | widgets | dependency | plugin 'shared' 1.0.0   | plugins/shared.zip!lib/widget-1.jar
            java.lang.String            | loner   | jdk        | the JDK (java.base)     | jrt:/java.base/java/lang/String.class
            java.sql.Connection         | loner   | jdk        | the JDK (java.sql)      | jrt:/java.sql/java/sql/Connection.class
            dev.patchbay.api.Row        | bundler | api        | the host (api           |
            org.slf4j.Logger            | loner   | slf4j-api  | the host (slf4j-api)    |
            """)
    void saysWhichRuleGivesTheClassAndFromWhichFile(String className, String plugin, String rule, String from,
            String file) throws IOException {
        JsonNode explanation = explain(className, plugin);

        assertThat(explanation.get("visible").asBoolean()).as(explanation.toString()).isTrue();
        assertThat(explanation.get("rule").asText()).isEqualTo(rule);
        assertThat(explanation.get("from").asText()).startsWith(from);
        if (file != null) {
            assertThat(explanation.get("file").asText()).isEqualTo(file);
        } else {
            assertThat(explanation.get("file").asText()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource(delimiter = '|', textBlock = """
            com.fasterxml.jackson.databind.ObjectMapper | loner | is a class of the host | bundle the library that provides it in the plugin's lib/ folder
            w.Widget                                    | loner | is in plugin 'shared' 1.0.0 (plugins/shared.zip!lib/widget-1.jar) | add 'shared' to Plugin-Dependencies
            w.Missing                                   | user  | takes package w from its dependency plugin 'shared' 1.0.0, which has no class w.Missing | install the version of 'shared' it was built with
            nowhere.Missing                             | loner | no archive in the plugins folder and no library of the host has nowhere.Missing | bundle the library
            dev.patchbay.api.Missing                    | loner | this host's api | upgrade the host
            """)
    void aClassThatIsNotVisibleSaysWhyAndWhatWouldFixItAndExitsOne(String className, String plugin, String why,
            String fix) {
        CliRun run = CliRun.in(home, "plugins", "explain", className, "--plugin", plugin);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains(className + " for plugin '" + plugin + "' 1.0.0").contains("rule:   not visible")
                .contains(why).contains(fix);
    }

    @Test
    void listsAnotherArchivesCopyAsAConflict() throws IOException {
        JsonNode explanation = explain("w.Widget", "user");

        assertThat(others(explanation)).containsExactly("conflict widgets plugins/widgets.zip!lib/widget-2.jar");
    }

    @Test
    void listsTheDependencysCopyThePluginsOwnHidesAsShadowed() throws IOException {
        JsonNode explanation = explain("w.Widget", "widgets");

        assertThat(others(explanation)).containsExactly("shadowed shared plugins/shared.zip!lib/widget-1.jar");
        assertThat(explanation.get("others").get(0).get("note").asText())
                .contains("hidden by plugin 'widgets' 1.0.0's own copy").contains("ClassCastException");
    }

    @Test
    void listsAPackageSplitBetweenThePluginAndItsDependency() throws IOException {
        JsonNode explanation = explain("w.Gadget", "widgets");

        assertThat(others(explanation)).containsExactly("split-package widgets plugins/widgets.zip!lib/widget-2.jar");
    }

    @Test
    void listsAnArchiveThatBundlesTheApi() throws IOException {
        JsonNode explanation = explain("dev.patchbay.api.Row", "user");

        assertThat(others(explanation)).containsExactly("bundled-api bundler plugins/bundler.jar");
        assertThat(explanation.get("plugin").get("state").asText()).isEqualTo("RESOLVED");
    }

    @ParameterizedTest
    @CsvSource({"w/Widget", "w/Widget.class", "w.Widget.class"})
    void acceptsTheInternalNameAndTheClassFileName(String form) throws IOException {
        assertThat(explain(form, "user").get("class").asText()).isEqualTo("w.Widget");
    }

    @Test
    void textNamesTheRuleTheFileAndEveryOtherCopy() {
        CliRun run = CliRun.in(home, "plugins", "explain", "w.Widget", "--plugin", "user@1.0.0");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                w.Widget for plugin 'user' 1.0.0 (RESOLVED)
                  rule:   dependency
                  from:   plugin 'shared' 1.0.0
                  file:   plugins/shared.zip!lib/widget-1.jar
                  why:    package w is in its dependency 'shared' (Plugin-Dependencies), and the plugin has no copy of its own
                  other copies:
                    conflict: plugin 'widgets' 1.0.0, plugins/widgets.zip!lib/widget-2.jar
                      another copy: each plugin that loads it has its own class, so objects of it passed between them fail with ClassCastException or LinkageError
                """);
    }

    @Test
    void namesFilesInsideAZipsTopFolderAndAFolderPluginAndASecondOwnCopyAsShadowed(@TempDir Path other)
            throws IOException {
        Path plugins = Files.createDirectories(other.resolve("plugins"));
        Path libs = Files.createDirectories(other.resolve("libs"));
        Path a = PluginJarBuilder.library("a-widget").source("w.Widget", "package w; public class Widget { }")
                .buildJar(libs);
        Path b = PluginJarBuilder.library("b-widget").source("w.Widget", "package w; public class Widget { }")
                .buildJar(libs);
        PluginJarBuilder.plugin("twice").source("twice.Main", "package twice; public class Main { }").lib(b).lib(a)
                .buildZipWithTopFolder(plugins);
        PluginJarBuilder.plugin("folder").source("folder.Main", "package folder; public class Main { }").lib(a)
                .buildFolder(plugins);

        CliRun run = CliRun.in(other, "plugins", "explain", "w.Widget", "--plugin", "twice", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode explanation = run.json();
        assertThat(explanation.get("file").asText()).isEqualTo("plugins/twice.zip!twice/lib/a-widget.jar");
        assertThat(others(explanation)).containsExactly("conflict folder plugins/folder/lib/a-widget.jar",
                "shadowed twice plugins/twice.zip!twice/lib/b-widget.jar");
        assertThat(explanation.get("others").get(1).get("note").asText())
                .isEqualTo("a later root of the plugin itself: never used, plugins/twice.zip!twice/lib/a-widget.jar "
                        + "comes first");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown id      | w.Widget | usr         | no plugin with id 'usr' in
            unknown version | w.Widget | user@9.9.9  | plugin 'user' has no version '9.9.9' in
            bad class name  | a..b     | user        | 'a..b' is not a class name; write it as com.acme.Widget
            array           | [La.X;   | user        | is not a class name
            """)
    void mistakesAreUsageErrorsWithTheFix(String name, String className, String plugin, String message) {
        CliRun run = CliRun.in(home, "plugins", "explain", className, "--plugin", plugin);

        assertThat(run.exit()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }
}
