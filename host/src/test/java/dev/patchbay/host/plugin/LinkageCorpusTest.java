package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linkage check on real code: the first-party plugins and samples as built into the local Maven repository
 * must come out clean (no false positives), and a plugin bundling real libraries (Jackson, Logback, as the host's
 * own test class path has them) shows what the reachability rule reports of a library's optional dependencies.
 */
class LinkageCorpusTest {

    @TempDir
    Path temp;

    @Test
    void theFirstPartyPluginsAndSamplesHaveNoLinkageProblems() throws IOException {
        List<Path> archives = firstPartyArchives();
        assumeTrue(!archives.isEmpty(), "no first-party plugin is built in the local Maven repository");
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        for (Path archive : archives) {
            Files.copy(archive, plugins.resolve(archive.getFileName()));
        }

        try (PluginPlatform platform = new PluginPlatform(plugins, PluginSelection.all())) {
            List<PluginInfo> discovered = platform.discover();

            assertThat(discovered).hasSizeGreaterThanOrEqualTo(4);
            assertThat(discovered).allSatisfy(info -> {
                assertThat(info.problems()).as("%s", info.path().getFileName()).isEmpty();
                assertThat(info.warnings()).as("%s", info.path().getFileName()).isEmpty();
            });
        }
    }

    /**
     * A factory that really uses Jackson databind and Logback, both bundled: what the check reports is what those
     * libraries' reachable classes reference of their own optional dependencies (CODE.md records the figures).
     */
    @Test
    void aPluginBundlingJacksonAndLogbackReportsOnlyTheirMissingOptionalDependencies() throws IOException {
        List<Path> libs = List.of(location(com.fasterxml.jackson.databind.ObjectMapper.class),
                location(com.fasterxml.jackson.core.JsonFactory.class),
                location(com.fasterxml.jackson.annotation.JsonProperty.class),
                location(ch.qos.logback.classic.LoggerContext.class), location(ch.qos.logback.core.Context.class));
        assumeTrue(libs.stream().allMatch(Files::isRegularFile), "the libraries are not jars: " + libs);
        String body = """
                public String use() throws Exception {
                    ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
                    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(context.getName());
                }
                """;
        PluginJarBuilder builder = PluginJarBuilder.plugin("heavy").compileAgainst(libs.toArray(Path[]::new))
                .source("com.acme.heavy.Factory", Sources.processor("com.acme.heavy.Factory", "heavy", body))
                .service(ProcessorFactory.class, "com.acme.heavy.Factory");
        libs.forEach(builder::lib);
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        builder.buildZip(plugins);

        PluginInfo heavy = discover(plugins, "heavy");

        assertThat(heavy.problems()).as("Jackson and Logback, bundled whole, reach nothing they lack").isEmpty();
        assertThat(heavy.warnings()).isEmpty();
    }

    /** The same plugin without jackson-core bundled: what databind's reachable classes need of it is reported. */
    @Test
    void thatPluginWithoutJacksonCoreReportsTheCoreClassesDatabindsReachableClassesUse() throws IOException {
        Path databind = location(com.fasterxml.jackson.databind.ObjectMapper.class);
        Path core = location(com.fasterxml.jackson.core.JsonFactory.class);
        Path annotations = location(com.fasterxml.jackson.annotation.JsonProperty.class);
        assumeTrue(Files.isRegularFile(databind) && Files.isRegularFile(core), "the libraries are not jars");
        String body = "public String use() throws Exception { return new com.fasterxml.jackson.databind.ObjectMapper()"
                + ".writeValueAsString(\"x\"); }";
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        PluginJarBuilder.plugin("partial").compileAgainst(databind, core, annotations)
                .source("com.acme.partial.Factory", Sources.processor("com.acme.partial.Factory", "partial", body))
                .service(ProcessorFactory.class, "com.acme.partial.Factory").lib(databind).lib(annotations)
                .buildZip(plugins);

        PluginInfo partial = discover(plugins, "partial");

        assertThat(partial.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.CLASS_NOT_VISIBLE);
            assertThat(problem.message()).contains("class com.fasterxml.jackson.core.", "(lib/" + databind.getFileName()
                    + ")");
        });
    }

    private static PluginInfo discover(Path plugins, String id) {
        // Logback's SimpleSocketServer calls System.exit: allowed here, the exit scan is not under test
        PluginSelection selection = new PluginSelection(java.util.Set.of(), java.util.Set.of(), java.util.Set.of(id));
        try (PluginPlatform platform = new PluginPlatform(plugins, selection)) {
            PluginInfo info = platform.discover().get(0);
            System.out.println("LINKAGE-CORPUS " + id + ": problems " + info.problems() + ", warnings "
                    + info.warnings());
            return info;
        }
    }

    private static List<Path> firstPartyArchives() throws IOException {
        Path repository = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()), "dev", "patchbay");
        if (!Files.isDirectory(repository)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repository)) {
            files.filter(Files::isRegularFile).filter(file -> {
                String name = file.getFileName().toString();
                String artifact = file.getParent().getParent().getFileName().toString();
                return (artifact.startsWith("patchbay-plugin-") && !artifact.equals("patchbay-plugin-archetype")
                        || artifact.startsWith("patchbay-sample-")) && (name.endsWith(".jar") || name.endsWith(".zip"))
                        && !name.contains("-sources") && !name.contains("-javadoc") && !name.contains("-tests");
            }).sorted().forEach(found::add);
        }
        // a sample built both as a jar and as a zip is one plugin: keep the zip, which has its lib/
        found.removeIf(jar -> jar.toString().endsWith(".jar")
                && found.contains(Path.of(jar.toString().replaceAll("\\.jar$", ".zip"))));
        // two versions of one plugin id are fine: the platform resolves each on its own
        return found;
    }

    private static Path location(Class<?> type) {
        return PluginLinkageTest.location(type);
    }
}
