package dev.patchbay.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.TestSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed plugins through the commands: {@code plugins verify} and {@code plugins info} show each archive's signer,
 * {@code plugins.requireSigned} reaches the platform, and {@code config check} reports a trust folder that cannot
 * be used as an error of the configuration.
 */
class CliSignaturesTest {

    @TempDir
    static Path keys;
    private static TestSigner acme;

    @TempDir
    Path home;

    @BeforeAll
    static void makeKeys() {
        acme = TestSigner.create(keys, "Acme Release");
    }

    @AfterEach
    void restoreLogging() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private CliRun run(String... args) {
        return CliRun.in(home, args);
    }

    private static Path plugin(Path directory, String id) throws IOException {
        return PluginJarBuilder.plugin(id).processor("com.acme." + id + ".Factory", id)
                .buildJar(Files.createDirectories(directory));
    }

    private void writeConfig(String json) throws IOException {
        Files.writeString(Files.createDirectories(home.resolve("config")).resolve("patchbay.json"),
                json.replace('\'', '"'));
    }

    @Test
    void verifyShowsTheSignerOfEachArchive() throws IOException {
        Path signed = acme.sign(plugin(home.resolve("incoming"), "signed"));
        Path unsigned = plugin(home.resolve("incoming"), "plain");

        CliRun result = run("plugins", "verify", signed.toString(), unsigned.toString());

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("OK      " + signed + "  (signed 1.0.0)\n  signed by: " + acme.subject()
                + "\n", "OK      " + unsigned + "  (plain 1.0.0)\n  signed by: (unsigned)\n");
    }

    @Test
    void verifyJsonListsTheSigners() throws IOException {
        Path signed = acme.sign(plugin(home.resolve("incoming"), "signed"));

        JsonNode archive = run("plugins", "verify", signed.toString(), "--json").json().get("archives").get(0);

        assertThat(archive.get("signers")).hasSize(1);
        assertThat(archive.get("signers").get(0).asText()).isEqualTo(acme.subject());
    }

    @Test
    void verifyShowsAWarningForAnEntryAddedAfterSigning() throws IOException {
        Path signed = TestSigner.addEntry(acme.sign(plugin(home.resolve("incoming"), "signed")), "extra.txt",
                new byte[] {1});

        CliRun result = run("plugins", "verify", signed.toString());

        assertThat(result.out()).contains("  warnings:\n    PB-PLUGIN-025  plugin archive 'signed.jar' was changed"
                + " after signing", "'extra.txt'");
    }

    @Test
    void infoShowsTheSigner() throws IOException {
        acme.sign(plugin(home.resolve("plugins"), "signed"));

        CliRun result = run("plugins", "info", "signed");

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("  signed by:    " + acme.subject() + "\n");
    }

    @Test
    void requireSignedRefusesTheUnsignedPluginOfTheHome() throws IOException {
        acme.sign(plugin(home.resolve("plugins"), "signed"));
        plugin(home.resolve("plugins"), "plain");
        acme.trustIn(home.resolve("config/trust"), "acme.pem");
        writeConfig("{'plugins': {'requireSigned': true}}");

        JsonNode plugins = run("plugins", "list", "--json").json().get("plugins");

        assertThat(byId(plugins, "signed").get("state").asText()).isNotEqualTo("FAILED");
        JsonNode plain = byId(plugins, "plain");
        assertThat(plain.get("state").asText()).isEqualTo("FAILED");
        assertThat(plain.get("problems").get(0).get("code").asText()).isEqualTo("PB-PLUGIN-023");
    }

    @Test
    void installIntoAHomeThatRequiresSignaturesRefusesAnUnsignedArchiveAndInstallsASignedOne() throws IOException {
        Files.createDirectories(home.resolve("plugins"));
        acme.trustIn(home.resolve("config/trust"), "acme.pem");
        writeConfig("{'plugins': {'requireSigned': true}}");
        Path unsigned = plugin(home.resolve("incoming"), "plain");
        Path signed = acme.sign(plugin(home.resolve("incoming-signed"), "signed"));

        CliRun refused = run("plugins", "install", unsigned.toString());
        CliRun installed = run("plugins", "install", signed.toString());

        assertThat(refused.exit()).as(refused.out()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(refused.out()).contains("PB-PLUGIN-023", "nothing installed");
        assertThat(home.resolve("plugins").resolve(unsigned.getFileName())).doesNotExist();
        assertThat(installed.exit()).as(installed.out() + installed.err()).isEqualTo(ExitCodes.OK);
        assertThat(home.resolve("plugins").resolve(signed.getFileName())).exists();
    }

    @Test
    void verifyAgainstAHomeThatRequiresSignaturesRefusesAnUnsignedArchive() throws IOException {
        Files.createDirectories(home.resolve("plugins"));
        acme.trustIn(home.resolve("config/trust"), "acme.pem");
        writeConfig("{'plugins': {'requireSigned': true}}");
        Path unsigned = plugin(home.resolve("incoming"), "plain");

        CliRun result = run("plugins", "verify", "--home", unsigned.toString());

        assertThat(result.exit()).as(result.out()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(result.out()).contains("PB-PLUGIN-023");
    }

    @Test
    void configCheckReportsAMissingTrustFolderAsAnError() throws IOException {
        plugin(home.resolve("plugins"), "plain");
        writeConfig("{'plugins': {'requireSigned': true}}");

        CliRun result = run("config", "check", "--json");

        assertThat(result.exit()).as(result.out()).isEqualTo(ExitCodes.USAGE);
        JsonNode error = result.json().get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo("$.plugins.requireSigned");
        assertThat(error.get("message").asText()).contains("'" + home.resolve("config/trust") + "' does not exist");
        assertThat(error.get("fix").asText()).contains("keytool -exportcert -rfc", "requireSigned");
    }

    private static JsonNode byId(JsonNode plugins, String id) {
        return Stream.iterate(0, i -> i < plugins.size(), i -> i + 1).map(plugins::get)
                .filter(p -> p.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + plugins));
    }
}
