package dev.patchbay.host.cli;

import static dev.patchbay.host.cli.PluginInstallFixture.fingerprint;
import static dev.patchbay.host.cli.PluginInstallFixture.jar;
import static dev.patchbay.host.cli.PluginInstallFixture.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code patchbay plugins verify --home}: archives checked against the installed plugins, nothing installed. */
class PluginsVerifyHomeTest {

    @TempDir
    Path home;

    @TempDir
    Path downloads;

    private Path plugins;

    @BeforeEach
    void pluginsFolder() throws IOException {
        plugins = Files.createDirectories(home.resolve("plugins"));
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private CliRun run(String... args) {
        return CliRun.in(home, args);
    }

    @Test
    void aDependencyOnAnInstalledPluginPassesOnlyAgainstTheHome() {
        jar(plugins, "base", "1.0.0");
        Path user = plugin("user", "1.0.0").dependencies("base@>=1.0.0").buildJar(downloads);
        Map<String, String> before = fingerprint(plugins);

        CliRun alone = run("plugins", "verify", user.toString());
        CliRun againstHome = run("plugins", "verify", "--home", user.toString());

        assertThat(alone.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(alone.out()).contains("PB-PLUGIN-006");
        assertThat(againstHome.exit()).as(againstHome.out() + againstHome.err()).isZero();
        assertThat(againstHome.out()).contains("OK      " + user + "  (user 1.0.0)", "1 archive verified");
        assertThat(fingerprint(plugins)).isEqualTo(before);
    }

    @Test
    void theSameIdAndVersionAsAnInstalledPluginIsADuplicateNamingBothFiles() throws IOException {
        jar(plugins, "files", "1.0.0");
        Path copy = Files.copy(jar(downloads, "files", "1.0.0"), downloads.resolve("files-copy.jar"));

        CliRun result = run("plugins", "verify", "--home", copy.toString());

        assertThat(result.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(result.out()).contains("FAILED  " + copy, "PB-PLUGIN-004", "'files-1.0.0.jar'",
                "'files-copy.jar'");
    }

    @Test
    void aWrongDependencyVersionOnAnInstalledPluginFails() {
        jar(plugins, "base", "1.0.0");
        Path user = plugin("user", "1.0.0").dependencies("base@>=2.0.0").buildJar(downloads);

        CliRun result = run("plugins", "verify", "--home", "--json", user.toString());

        assertThat(result.exit()).isEqualTo(ExitCodes.PROBLEMS);
        JsonNode archive = jsonOf(result).get("archives").get(0);
        assertThat(archive.get("problems").get(0).get("code").asText()).isEqualTo("PB-PLUGIN-007");
    }

    @Test
    void withoutFilesItVerifiesTheInstalledPlugins() {
        jar(plugins, "good", "1.0.0");
        Path library = PluginJarBuilder.plugin("empty").fileName("empty-1.0.0").buildJar(plugins);

        CliRun result = run("plugins", "verify", "--home");

        assertThat(result.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(result.out()).contains("FAILED  " + library, "PB-PLUGIN-016", "OK      "
                + plugins.resolve("good-1.0.0.jar"), "1 of 2 archives have problems");
    }

    @Test
    void aFileFromThePluginsFolderItselfIsNotItsOwnDuplicate() {
        Path installed = jar(plugins, "files", "1.0.0");

        CliRun result = run("plugins", "verify", "--home", installed.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
    }

    @Test
    void theHomeIsChosenBeforeTheCommandWhenVerifyHasTheHomeFlag(@TempDir Path elsewhere) {
        jar(plugins, "base", "1.0.0");
        Path user = plugin("user", "1.0.0").dependencies("base@>=1.0.0").buildJar(downloads);

        CliRun result = CliRun.in(elsewhere, "--home", home.toString(), "plugins", "verify", "--home",
                user.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
    }

    /** PB-PLUGIN-016 through the CLI: an archive that provides no extension at all fails, with and without --home. */
    @ParameterizedTest(name = "verify {0}")
    @ValueSource(strings = {"", "--home"})
    void anArchiveWithoutAnyExtensionFails(String flag) {
        Path library = PluginJarBuilder.plugin("empty").fileName("empty-1.0.0").buildJar(downloads);
        List<String> args = new java.util.ArrayList<>(List.of("plugins", "verify"));
        if (!flag.isEmpty()) {
            args.add(flag);
        }
        args.add(library.toString());

        CliRun result = run(args.toArray(String[]::new));

        assertThat(result.exit()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(result.out()).contains("FAILED  " + library + "  (empty 1.0.0)", "PB-PLUGIN-016",
                "declares no extension");
    }

    @Test
    void helpDescribesTheHomeFlag() {
        CliRun result = run("plugins", "verify", "--help");

        assertThat(result.out()).contains("--home", "Verify against the plugins installed in the home");
    }

    private static JsonNode jsonOf(CliRun result) {
        try {
            return result.json();
        } catch (IOException e) {
            throw new AssertionError(result.out(), e);
        }
    }
}
