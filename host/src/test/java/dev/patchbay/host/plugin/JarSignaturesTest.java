package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which entries a signature must cover: all but the manifest and the signature files directly in META-INF. */
class JarSignaturesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "META-INF/MANIFEST.MF, true",
        "meta-inf/manifest.mf, true",
        "META-INF/SIGNER.SF, true",
        "META-INF/SIGNER.RSA, true",
        "META-INF/SIGNER.DSA, true",
        "META-INF/SIGNER.EC, true",
        "META-INF/SIG-EXTRA, true",
        "META-INF/services/dev.patchbay.api.ProcessorFactory, false",
        "META-INF/maven/x/SIGNER.SF, false",
        "META-INF/LICENSE, false",
        "com/acme/Factory.class, false",
        "SIGNER.SF, false"})
    void signatureRelatedEntries(String name, boolean related) {
        assertThat(JarSignatures.isSignatureRelated(name)).isEqualTo(related);
    }
}
