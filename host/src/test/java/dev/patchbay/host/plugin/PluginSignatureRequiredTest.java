package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.testing.TestSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code plugins.requireSigned}: every entry of a plugin archive and of its {@code lib/} jars must be signed by a
 * signer whose certificate is in the trust folder, checked at discovery before any of the archive's classes or
 * service files are read.
 */
class PluginSignatureRequiredTest {

    @TempDir
    static Path keys;
    private static TestSigner trusted;
    private static TestSigner stranger;

    @TempDir
    Path home;

    @BeforeAll
    static void makeKeys() {
        trusted = TestSigner.create(keys, "Acme Release");
        stranger = TestSigner.create(keys, "Mallory");
    }

    private Path plugins() {
        return home.resolve("plugins");
    }

    private Path trust() {
        return home.resolve("config/trust");
    }

    private PluginPlatform platform() {
        ArchivePolicy policy = new ArchivePolicy(ArchivePolicy.LockMode.OFF, home.resolve(ArchivePolicy.LOCK_FILE),
                trust(), true);
        return new PluginPlatform(plugins(), PluginSelection.all(), Duration.ofSeconds(30), policy);
    }

    private PluginInfo discoverOne() {
        try (PluginPlatform platform = platform()) {
            List<PluginInfo> found = platform.discover();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    /** An archive written into the plugins folder (and scratch space beside it), by the two signers. */
    record Case(String name, BiFunction<Path, Path, Path> write) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> accepted() {
        return Stream.of(
                new Case("jar signed by a trusted signer", (plugins, scratch) ->
                        SignedArchives.signedJar(plugins, "good", trusted)),
                new Case("zip whose lib/ jar is signed by a trusted signer", (plugins, scratch) ->
                        SignedArchives.zip(plugins, "good", trusted.sign(SignedArchives.libJar(scratch, "core")))),
                new Case("zip in a top folder with a signed lib/ jar", (plugins, scratch) -> SignedArchives
                        .zipWithTopFolder(plugins, "good", trusted.sign(SignedArchives.libJar(scratch, "core")))),
                new Case("folder whose lib/ jar is signed by a trusted signer", (plugins, scratch) ->
                        SignedArchives.folder(plugins, "good", trusted.sign(SignedArchives.libJar(scratch, "core")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void aTrustedSignatureIsAcceptedAndItsSignerShown(Case archive) {
        trusted.trustIn(trust(), "acme.pem");
        archive.write().apply(plugins(), home.resolve("scratch"));

        PluginInfo info = discoverOne();

        assertThat(info.problems()).isEmpty();
        assertThat(info.state()).isEqualTo(PluginState.RESOLVED);
        assertThat(info.signers()).containsExactly(trusted.subject());
    }

    @Test
    void aTrustedPluginStarts() {
        trusted.trustIn(trust(), "acme.pem");
        SignedArchives.zip(plugins(), "good", trusted.sign(SignedArchives.libJar(home.resolve("scratch"), "core")));

        try (PluginPlatform platform = platform()) {
            assertThat(platform.start()).singleElement().satisfies(info -> {
                assertThat(info.problems()).isEmpty();
                assertThat(info.state()).isEqualTo(PluginState.STARTED);
            });
        }
    }

    /** A refused archive, and what its one problem must say. */
    record Refused(String name, BiFunction<Path, Path, Path> write, ProblemCode code, List<String> fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refused> refused() {
        return Stream.of(
                new Refused("unsigned jar", (plugins, scratch) -> SignedArchives.jar(plugins, "bad"),
                        ProblemCode.UNSIGNED, List.of("plugin archive 'bad.jar' is not signed", "none of its 2 entries",
                                "'META-INF/services/dev.patchbay.api.ProcessorFactory'", "jarsigner",
                                "plugins.requireSigned")),
                new Refused("zip with an unsigned lib/ jar", (plugins, scratch) ->
                        SignedArchives.zip(plugins, "bad", SignedArchives.libJar(scratch, "core")),
                        ProblemCode.UNSIGNED, List.of("'bad.zip'", "lib/core.jar is not signed", "jarsigner")),
                new Refused("zip with one signed and one unsigned lib/ jar", (plugins, scratch) ->
                        SignedArchives.zip(plugins, "bad", trusted.sign(SignedArchives.libJar(scratch, "core")),
                                SignedArchives.libJar(scratch, "extra")),
                        ProblemCode.UNSIGNED, List.of("'bad.zip'", "lib/extra.jar is not signed")),
                new Refused("folder with classes/", (plugins, scratch) -> SignedArchives.folderWithClasses(plugins,
                        "bad"), ProblemCode.UNSIGNED, List.of("'bad'", "classes/", "cannot be signed",
                                "signed jar")),
                new Refused("zip with classes/ beside a signed lib/ jar", (plugins, scratch) ->
                        SignedArchives.zipWithClasses(plugins, "bad", trusted.sign(SignedArchives.libJar(scratch,
                                "core"))), ProblemCode.UNSIGNED, List.of("'bad.zip'", "classes/", "signed jar")),
                new Refused("jar signed by a signer not in the trust folder", (plugins, scratch) ->
                        SignedArchives.signedJar(plugins, "bad", stranger), ProblemCode.UNTRUSTED_SIGNER,
                        List.of("'bad.jar'", "signed by CN=Mallory, O=Patchbay tests", "2 entries",
                                "no certificate in the trust folder", "config/trust", "-exportcert -rfc")),
                new Refused("zip with a lib/ jar signed by a stranger", (plugins, scratch) ->
                        SignedArchives.zip(plugins, "bad", stranger.sign(SignedArchives.libJar(scratch, "core"))),
                        ProblemCode.UNTRUSTED_SIGNER, List.of("'bad.zip'", "lib/core.jar", "CN=Mallory")),
                new Refused("signed jar with an entry added after signing", (plugins, scratch) ->
                        SignedArchives.withAddedEntry(SignedArchives.signedJar(plugins, "bad", trusted),
                                "com/acme/signed/Extra.class"), ProblemCode.CHANGED_AFTER_SIGNING,
                        List.of("'bad.jar'", "1 entry is not covered by its signature", "added after signing",
                                "'com/acme/signed/Extra.class'", "sign it again")),
                new Refused("signed jar with an entry modified after signing", (plugins, scratch) ->
                        SignedArchives.withModifiedFactory(SignedArchives.signedJar(plugins, "bad", trusted)),
                        ProblemCode.CHANGED_AFTER_SIGNING, List.of("'bad.jar'", "'" + SignedArchives.FACTORY_ENTRY
                                + "'", "modified after signing", "digest")),
                new Refused("zip whose signed lib/ jar was modified after signing", (plugins, scratch) ->
                        SignedArchives.zip(plugins, "bad", SignedArchives.withModifiedFactory(
                                trusted.sign(SignedArchives.libJar(scratch, "core")))),
                        ProblemCode.CHANGED_AFTER_SIGNING, List.of("'bad.zip'", "lib/core.jar",
                                "modified after signing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void anArchiveThatIsNotWhollySignedByATrustedSignerIsRefused(Refused archive) {
        trusted.trustIn(trust(), "acme.pem");
        archive.write().apply(plugins(), home.resolve("scratch"));

        PluginInfo info = discoverOne();

        assertThat(info.state()).isEqualTo(PluginState.FAILED);
        assertThat(info.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(archive.code());
            assertThat(problem.message()).contains(archive.fragments());
        });
        assertThat(info.extensions()).as("refused before its service files are read").isEmpty();
    }

    @Test
    void aLibJarThatCannotBeReadIsRefusedNamingIt() throws IOException {
        trusted.trustIn(trust(), "acme.pem");
        Path garbage = Files.writeString(Files.createDirectories(home.resolve("scratch")).resolve("core.jar"),
                "not a jar");
        SignedArchives.zip(plugins(), "bad", garbage);

        PluginInfo info = discoverOne();

        assertThat(info.state()).isEqualTo(PluginState.FAILED);
        assertThat(info.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.CORRUPT_ARCHIVE);
            assertThat(problem.message()).contains("'bad.zip'", "lib/core.jar", "verify its signatures", "rebuild");
        });
    }

    @Test
    void aMissingTrustFolderRefusesEveryArchiveAndSaysHowToFixIt() {
        SignedArchives.signedJar(plugins(), "good", trusted);

        PluginInfo info = discoverOne();

        assertThat(info.state()).isEqualTo(PluginState.FAILED);
        assertThat(info.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.UNTRUSTED_SIGNER);
            assertThat(problem.message()).contains("'good.jar'", "trust folder '" + trust() + "' does not exist",
                    "plugins.requireSigned", "keytool -exportcert -rfc");
        });
    }

    @Test
    void aBadCertificateFileRefusesEveryArchiveNamingTheFile() throws IOException {
        trusted.trustIn(trust(), "acme.pem");
        Files.writeString(trust().resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
        SignedArchives.signedJar(plugins(), "good", trusted);

        PluginInfo info = discoverOne();

        assertThat(info.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.UNTRUSTED_SIGNER);
            assertThat(problem.message()).contains(trust().resolve("broken.pem").toString(), "PEM");
        });
    }
}
