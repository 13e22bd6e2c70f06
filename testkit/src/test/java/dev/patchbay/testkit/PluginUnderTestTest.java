package dev.patchbay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real loads of plugin archives built at test time, through the host the kit carries. */
class PluginUnderTestTest {

    @TempDir
    Path dir;

    private static String processorSource(String pkg, String name, String body, String... imports) {
        StringBuilder code = new StringBuilder("package " + pkg + ";\n");
        for (String type : imports) {
            code.append("import ").append(type).append(";\n");
        }
        return code.append("import dev.patchbay.api.*;\nimport java.util.List;\n"
                + "@Extension(name = \"" + name + "\", description = \"test\")\n"
                + "public final class Factory implements ProcessorFactory {\n"
                + "  public List<Setting> settings() {\n"
                + "    return List.of(Setting.required(\"value\", SettingType.STRING, \"the tag\"));\n"
                + "  }\n"
                + "  public Processor create(Settings settings, ExtensionContext context) {\n"
                + "    String value = settings.getString(\"value\");\n"
                + "    return (record, out) -> out.emit(" + body + ");\n"
                + "  }\n"
                + "}\n").toString();
    }

    private Path healthyJar() {
        return TestArchives.plugin("healthy")
                .source("com.example.healthy.Factory", processorSource("com.example.healthy", "tag",
                        "record.with(\"tag\", value).with(\"loader\","
                                + " String.valueOf(Thread.currentThread().getContextClassLoader()))"))
                .service(ProcessorFactory.class, "com.example.healthy.Factory")
                .buildJar(dir);
    }

    @Test
    void aHealthyPluginLoadsAndItsProcessorRunsThroughTheProcessorTester() {
        try (PluginUnderTest plugin = PluginUnderTest.load(healthyJar())) {
            assertThat(plugin.id()).isEqualTo("healthy");
            assertThat(plugin.version()).isEqualTo("1.0.0");
            assertThat(plugin.extensions()).containsExactly("processor/tag");
            ProcessorFactory factory = plugin.processor("tag");
            assertThat(factory.getClass().getClassLoader()).hasToString("PatchbayClassLoader[healthy]");

            try (ProcessorTester tag = ProcessorTester.create(factory, Map.of("value", "x"))) {
                List<Row> out = tag.process(Row.of(Map.of("id", 1L)));
                assertThat(out).containsExactly(Row.builder().set("id", 1L).set("tag", "x")
                        .set("loader", "PatchbayClassLoader[healthy]").build());
            }
        }
    }

    @Test
    void theHostsSettingsMessagesApplyToALoadedFactory() {
        try (PluginUnderTest plugin = PluginUnderTest.load(healthyJar())) {
            assertThatThrownBy(() -> ProcessorTester.create(plugin.processor("tag"), Map.of("valeu", "x")))
                    .isInstanceOfSatisfying(SettingsError.class, error -> assertThat(error.problems()).contains(
                            "test-plugin/tag: setting 'valeu' is not a setting of this extension; fix: did you mean"
                                    + " 'value'? remove or correct it; known settings are [value]"));
        }
    }

    @Test
    void askingForAnExtensionThePluginLacksListsTheOnesItHas() {
        try (PluginUnderTest plugin = PluginUnderTest.load(healthyJar())) {
            assertThatThrownBy(() -> plugin.sink("tag")).isInstanceOf(AssertionError.class)
                    .hasMessage("plugin 'healthy' has no sink named 'tag'; its extensions are [processor/tag]");
        }
    }

    @Test
    void aPluginWithoutPluginIdFailsWithItsProblemCode() {
        Path broken = TestArchives.plugin("broken").withoutAttribute("Plugin-Id")
                .source("com.example.broken.Factory", processorSource("com.example.broken", "tag", "record"))
                .service(ProcessorFactory.class, "com.example.broken.Factory")
                .buildJar(dir);

        assertThatThrownBy(() -> PluginUnderTest.load(broken))
                .isInstanceOfSatisfying(PluginLoadError.class, error -> {
                    assertThat(error.codes()).containsExactly("PB-PLUGIN-002");
                    assertThat(error.archive()).isEqualTo(broken);
                    assertThat(error.problems()).singleElement().asString().startsWith("PB-PLUGIN-002: ")
                            .contains("Plugin-Id");
                })
                .hasMessageContaining("as `patchbay plugins verify` reports it")
                .hasMessageContaining("PB-PLUGIN-002");
    }

    private Path greetingLibrary() {
        return TestArchives.library("greeting-lib")
                .source("com.example.lib.Greeting", "package com.example.lib;\n"
                        + "public final class Greeting {\n"
                        + "  public static String hello(String name) { return \"hello \" + name; }\n"
                        + "}\n")
                .buildJar(dir);
    }

    private TestArchives pluginUsingTheLibrary(Path library) {
        return TestArchives.plugin("needs-lib").compileAgainst(library)
                .source("com.example.needs.Factory", processorSource("com.example.needs", "greet",
                        "record.with(\"greeting\", Greeting.hello(value))", "com.example.lib.Greeting"))
                .service(ProcessorFactory.class, "com.example.needs.Factory");
    }

    @Test
    void aPluginThatBundlesItsLibraryInLibRunsOnIt() {
        Path library = greetingLibrary();
        Path zip = pluginUsingTheLibrary(library).lib(library).buildZip(dir);

        try (PluginUnderTest plugin = PluginUnderTest.load(zip);
                ProcessorTester greet = ProcessorTester.create(plugin.processor("greet"), Map.of("value", "Ada"))) {
            assertThat(greet.process(Row.empty())).containsExactly(Row.of(Map.of("greeting", "hello Ada")));
        }
    }

    @Test
    void aPluginThatDoesNotBundleALibraryItUsesFailsToLoadNamingTheMissingClass() {
        Path jar = pluginUsingTheLibrary(greetingLibrary()).buildJar(dir);

        // The host's linkage check finds the missing class before any plugin code runs, as `plugins verify` would.
        assertThatThrownBy(() -> PluginUnderTest.load(jar))
                .isInstanceOf(PluginLoadError.class)
                .hasMessageContaining("PB-PLUGIN-027")
                .hasMessageContaining("references class com.example.lib.Greeting")
                .hasMessageContaining("bundle the missing library in the plugin");
    }

    @Test
    void aPluginCannotSeeTheHostsClassesEvenThoughTheHostRunsOnThem() {
        Path pf4j = TestArchives.nestedHostJar("pf4j.jar");
        Path jar = TestArchives.plugin("uses-pf4j").compileAgainst(pf4j)
                .source("com.example.pf4j.Factory", processorSource("com.example.pf4j", "blank",
                        "record.with(\"blank\", StringUtils.isNullOrEmpty(value))", "org.pf4j.util.StringUtils"))
                .service(ProcessorFactory.class, "com.example.pf4j.Factory")
                .buildJar(dir);

        assertThatThrownBy(() -> PluginUnderTest.load(jar))
                .isInstanceOf(PluginLoadError.class)
                .hasMessageContaining("PB-PLUGIN-027")
                .hasMessageContaining("references class org.pf4j.util.StringUtils")
                .hasMessageContaining("a class of the host itself");
    }

    @Test
    void theHostRunsInItsOwnLoaderThatSeesTheApiButNotTheTestClassPath() throws Exception {
        try (IsolatedHost host = IsolatedHost.start()) {
            ClassLoader loader = host.loader();
            assertThat(loader.loadClass("dev.patchbay.api.Row")).isSameAs(Row.class);
            assertThat(loader.loadClass("org.pf4j.PluginManager").getClassLoader()).isSameAs(loader);
            assertThat(loader.loadClass("dev.patchbay.host.plugin.PluginPlatform").getClassLoader())
                    .isSameAs(loader);
            assertThatThrownBy(() -> loader.loadClass(PluginUnderTestTest.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass("org.assertj.core.api.Assertions"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void closeUnloadsThePluginAndLaterUseFails() {
        PluginUnderTest plugin = PluginUnderTest.load(healthyJar());
        plugin.close();
        plugin.close();

        assertThatThrownBy(() -> plugin.processor("tag")).isInstanceOf(IllegalStateException.class)
                .hasMessage("plugin 'healthy' is closed");
    }
}
