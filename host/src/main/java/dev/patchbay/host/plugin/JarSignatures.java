package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What the signatures of one jar cover, as {@code java.util.jar} verifies them: each entry is read to its end, which
 * checks its digest against the signed manifest, and then asked for its signers. Entries that are never signed (the
 * manifest, the signature files in {@code META-INF/}, folders) are not counted.
 *
 * @param signatureFiles whether the jar carries a signature file ({@code META-INF/*.SF}); when it does not, the
 *        entries are listed but not read, since there is nothing to verify
 * @param entries how many entries a signature should cover
 * @param unsigned the entries no signature covers, in jar order
 * @param modified entries whose content no longer matches the signed digest, with the verifier's message
 * @param signed the entries each set of signers covers, in jar order
 */
record JarSignatures(boolean signatureFiles, int entries, List<String> unsigned, Map<String, String> modified,
        Map<Set<CodeSigner>, List<String>> signed) {

    private static final int BUFFER = 64 * 1024;

    /** A jar that could not be read: nothing to report. */
    static final JarSignatures UNREAD = new JarSignatures(false, 0, List.of(), Map.of(), Map.of());

    JarSignatures {
        unsigned = List.copyOf(unsigned);
        modified = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modified));
        signed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signed));
    }

    /** @throws IOException when the jar or one of its entries cannot be read */
    static JarSignatures read(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            List<JarEntry> signable = new ArrayList<>();
            boolean signatureFiles = false;
            Enumeration<JarEntry> all = file.entries();
            while (all.hasMoreElements()) {
                JarEntry entry = all.nextElement();
                if (isSignatureFile(entry.getName())) {
                    signatureFiles = true;
                } else if (!entry.isDirectory() && !isSignatureRelated(entry.getName())) {
                    signable.add(entry);
                }
            }
            if (!signatureFiles) {
                return new JarSignatures(false, signable.size(), signable.stream().map(JarEntry::getName).toList(),
                        Map.of(), Map.of());
            }
            return verify(file, signable);
        }
    }

    private static JarSignatures verify(JarFile file, List<JarEntry> signable) throws IOException {
        List<String> unsigned = new ArrayList<>();
        Map<String, String> modified = new LinkedHashMap<>();
        Map<Set<CodeSigner>, List<String>> signed = new LinkedHashMap<>();
        byte[] buffer = new byte[BUFFER];
        for (JarEntry entry : signable) {
            try (InputStream in = file.getInputStream(entry)) {
                while (in.read(buffer) >= 0) {
                    // Reading to the end is what makes JarFile compare the entry with its signed digest.
                }
            } catch (SecurityException e) {
                modified.put(entry.getName(), e.getMessage());
                continue;
            }
            CodeSigner[] signers = entry.getCodeSigners();
            if (signers == null || signers.length == 0) {
                unsigned.add(entry.getName());
            } else {
                signed.computeIfAbsent(new LinkedHashSet<>(Arrays.asList(signers)), k -> new ArrayList<>())
                        .add(entry.getName());
            }
        }
        return new JarSignatures(true, signable.size(), unsigned, modified, signed);
    }

    /** The subjects of the signers' own certificates, such as {@code CN=Acme Release, O=Acme}, in jar order. */
    List<String> subjects() {
        Set<String> subjects = new LinkedHashSet<>();
        signed.keySet().forEach(signers -> signers.forEach(signer -> subjects.add(subject(signer))));
        return List.copyOf(subjects);
    }

    static String subject(CodeSigner signer) {
        List<? extends Certificate> chain = signer.getSignerCertPath().getCertificates();
        if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate certificate) {
            return certificate.getSubjectX500Principal().toString();
        }
        return "(a signer without an X.509 certificate)";
    }

    /** {@code META-INF/NAME.SF}: a signature file, directly in META-INF. */
    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("META-INF/") && upper.indexOf('/') == upper.lastIndexOf('/') && upper.endsWith(".SF");
    }

    /**
     * The entries {@code jarsigner} never signs: the manifest, the signature files and blocks directly in
     * {@code META-INF/}; every other entry, {@code META-INF/services/} included, must be covered.
     */
    static boolean isSignatureRelated(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/') != upper.lastIndexOf('/')) {
            return false;
        }
        return upper.equals(JarFile.MANIFEST_NAME) || upper.endsWith(".SF") || upper.endsWith(".DSA")
                || upper.endsWith(".RSA") || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-");
    }
}
