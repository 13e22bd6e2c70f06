package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.testing.TestSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trust folder: which files are read, and what a folder that cannot be used says. */
class TrustStoreTest {

    @TempDir
    static Path keys;
    private static TestSigner first;
    private static TestSigner second;

    @TempDir
    Path trust;

    @BeforeAll
    static void makeKeys() {
        first = TestSigner.create(keys, "First");
        second = TestSigner.create(keys, "Second");
    }

    @Test
    void readsPemAndCrtFilesAndSeveralCertificatesInOneFile() throws IOException {
        Files.writeString(trust.resolve("both.pem"), first.pem() + second.pem());
        first.trustIn(trust, "first.CRT");

        TrustStore store = TrustStore.read(trust);

        assertThat(store.problem()).isEmpty();
        assertThat(store.certificates()).containsExactly(first.certificate(), second.certificate(),
                first.certificate());
    }

    @Test
    void ignoresHiddenFilesAndOtherNames() throws IOException {
        first.trustIn(trust, "first.pem");
        Files.writeString(trust.resolve("README.txt"), "not a certificate");
        Files.writeString(trust.resolve(".draft.pem"), "not a certificate");

        TrustStore store = TrustStore.read(trust);

        assertThat(store.problem()).isEmpty();
        assertThat(store.certificates()).containsExactly(first.certificate());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not PEM at all|hello",
        "PEM with broken base64|-----BEGIN CERTIFICATE-----\\nnot base64!\\n-----END CERTIFICATE-----\\n",
        "empty file|"})
    void aFileThatIsNotACertificateIsAProblemNamingTheFile(String name, String content) throws IOException {
        first.trustIn(trust, "a-good.pem");
        Path bad = Files.writeString(trust.resolve("b-bad.pem"), content == null ? "" : content.replace("\\n", "\n"));

        TrustStore store = TrustStore.read(trust);

        assertThat(store.problem()).hasValueSatisfying(problem -> assertThat(problem.reason() + "; " + problem.fix()).contains("'" + bad + "'",
                "is not a PEM X.509 certificate", "keytool -exportcert -rfc"));
    }

    @Test
    void aFolderWithNoCertificateIsAProblem() throws IOException {
        Files.writeString(trust.resolve("notes.txt"), "none here");

        assertThat(TrustStore.read(trust).problem()).hasValueSatisfying(problem -> assertThat(problem.reason() + "; " + problem.fix())
                .contains("'" + trust + "'", "holds no certificate", "*.pem"));
    }

    @Test
    void aMissingFolderIsAProblem() {
        Path missing = trust.resolve("absent");

        assertThat(TrustStore.read(missing).problem()).hasValueSatisfying(problem -> assertThat(problem.reason() + "; " + problem.fix())
                .contains("'" + missing + "' does not exist", "create it"));
    }

    @Test
    void trustsOnlyTheSignersOwnCertificate() {
        first.trustIn(trust, "first.pem");

        TrustStore store = TrustStore.read(trust);

        assertThat(store.trusts(first.codeSigner())).isTrue();
        assertThat(store.trusts(second.codeSigner())).isFalse();
    }
}
