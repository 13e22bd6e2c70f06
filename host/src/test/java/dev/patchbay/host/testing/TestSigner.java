package dev.patchbay.host.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import jdk.security.jarsigner.JarSigner;

/**
 * A throwaway signer for tests: a key pair and self-signed certificate made by the JDK's {@code keytool} (as an
 * operator would), then jars signed with {@link JarSigner}, the public API behind {@code jarsigner}. Making the key
 * starts a JVM, so create one per test class. Also rewrites signed jars the way an attacker would, to tamper with
 * them after signing.
 */
public final class TestSigner {

    private static final String PASSWORD = "throwaway";
    private static final Duration KEYTOOL_DEADLINE = Duration.ofSeconds(60);

    private final String subject;
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private TestSigner(String subject, PrivateKey key, List<X509Certificate> chain) {
        this.subject = subject;
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /**
     * Runs {@code keytool -genkeypair} into a PKCS12 key store in the folder.
     *
     * @param commonName such as {@code Acme Release}; the subject is {@code CN=<commonName>, O=Patchbay tests}
     */
    public static TestSigner create(Path directory, String commonName) {
        String subject = "CN=" + commonName + ", O=Patchbay tests";
        Path store = directory.resolve(commonName.replace(' ', '-') + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(List.of(keytool.toString(), "-genkeypair", "-alias", "signer", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", subject, "-validity", "30", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            PrivateKey key = (PrivateKey) keys.getKey("signer", PASSWORD.toCharArray());
            List<X509Certificate> chain = Arrays.stream(keys.getCertificateChain("signer"))
                    .map(X509Certificate.class::cast).toList();
            return new TestSigner(subject, key, chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key store '" + store + "' keytool wrote", e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(KEYTOOL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not end within " + KEYTOOL_DEADLINE);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (" + process.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }

    /** Such as {@code CN=Acme Release, O=Patchbay tests}. */
    public String subject() {
        return subject;
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The signer as a verified jar entry reports it. */
    public java.security.CodeSigner codeSigner() {
        try {
            return new java.security.CodeSigner(CertificateFactory.getInstance("X.509")
                    .generateCertPath(new ArrayList<Certificate>(chain)), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as {@code keytool -exportcert -rfc} writes it. */
    public String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #pem()} to {@code <directory>/<name>}, creating the folder. */
    public Path trustIn(Path directory, String name) {
        try {
            return Files.writeString(Files.createDirectories(directory).resolve(name), pem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs the jar in place, as {@code jarsigner} does. */
    public Path sign(Path jar) {
        Path signed = jar.resolveSibling(jar.getFileName() + ".signing");
        try {
            JarSigner signer = new JarSigner.Builder(key, CertificateFactory.getInstance("X.509")
                    .generateCertPath(new ArrayList<Certificate>(chain))).build();
            try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
                signer.sign(in, out);
            }
            Files.move(signed, jar, StandardCopyOption.REPLACE_EXISTING);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign '" + jar + "'", e);
        }
    }

    /** Rewrites the jar with one more entry, keeping every other entry and the signature files as they are. */
    public static Path addEntry(Path jar, String name, byte[] content) {
        Map<String, byte[]> entries = read(jar);
        entries.put(name, content.clone());
        write(jar, entries);
        return jar;
    }

    /** Rewrites the jar with one entry's content replaced, keeping the signature files as they are. */
    public static Path replaceEntry(Path jar, String name, byte[] content) {
        Map<String, byte[]> entries = read(jar);
        if (entries.replace(name, content.clone()) == null) {
            throw new IllegalArgumentException("'" + jar + "' has no entry '" + name + "'");
        }
        write(jar, entries);
        return jar;
    }

    private static Map<String, byte[]> read(Path jar) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static void write(Path jar, Map<String, byte[]> entries) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
