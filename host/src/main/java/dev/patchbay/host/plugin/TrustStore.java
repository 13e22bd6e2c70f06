package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificates of the trusted signers: every {@code *.pem} and {@code *.crt} file of the trust folder, each
 * holding one or more PEM (or DER) X.509 certificates. A signer is trusted when its own certificate, the first of
 * the chain in the jar's signature block, equals one of them; a CA certificate here does not vouch for the
 * certificates it issued, and validity dates are not checked (see design/CODE.md).
 *
 * <p>A folder that is missing, empty or holds a file that is not a certificate is not an error here: it is a
 * {@link #problem()}, which makes every archive that must be signed be refused with the reason, so that a broken
 * trust folder never lets an archive through.
 */
public final class TrustStore {

    /**
     * Why a trust folder cannot be used.
     *
     * @param reason what is wrong, naming the folder or file and quoting the error
     * @param fix how to put it right
     */
    public record Unusable(String reason, String fix) {
        public Unusable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(fix, "fix");
        }
    }

    private static final String PUT_CERTIFICATES = "put each trusted signer's certificate in it as a PEM file"
            + " (keytool -exportcert -rfc)";

    private final Path directory;
    private final List<X509Certificate> certificates;
    private final Optional<Unusable> problem;

    private TrustStore(Path directory, List<X509Certificate> certificates, Optional<Unusable> problem) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.certificates = List.copyOf(certificates);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** Reads the folder's certificate files, in file name order; never throws for what the folder holds. */
    public static TrustStore read(Path directory) {
        if (!Files.isDirectory(directory)) {
            return failed(directory, "the trust folder '" + directory + "' does not exist",
                    "create it and " + PUT_CERTIFICATES);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, TrustStore::isCertificateFile)) {
            entries.forEach(files::add);
        } catch (IOException e) {
            return failed(directory, "the trust folder '" + directory + "' cannot be listed (" + e + ")",
                    "make it readable by the user Patchbay runs as");
        }
        files.sort(null);
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            try {
                certificates.addAll(certificates(file));
            } catch (IOException e) {
                return failed(directory, "the trust folder's file '" + file + "' cannot be read (" + e + ")",
                        "make it readable, or remove it");
            } catch (CertificateException e) {
                return failed(directory, "the trust folder's file '" + file + "' is not a PEM X.509 certificate ("
                        + e.getMessage() + ")", "replace it with the signer's certificate as keytool -exportcert"
                        + " -rfc writes it, or remove it");
            }
        }
        if (certificates.isEmpty()) {
            return failed(directory, "the trust folder '" + directory + "' holds no certificate (no *.pem or *.crt"
                    + " file)", PUT_CERTIFICATES);
        }
        return new TrustStore(directory, certificates, Optional.empty());
    }

    /** No trusted signer, and no problem: for when signatures are not required and the folder is never read. */
    static TrustStore unread(Path directory) {
        return new TrustStore(directory, List.of(), Optional.empty());
    }

    private static TrustStore failed(Path directory, String reason, String fix) {
        return new TrustStore(directory, List.of(), Optional.of(new Unusable(reason, fix)));
    }

    private static boolean isCertificateFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".pem") || name.endsWith(".crt")) && Files.isRegularFile(path);
    }

    private static List<X509Certificate> certificates(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> found = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                found.add((X509Certificate) certificate);
            }
            if (found.isEmpty()) {
                throw new CertificateException("the file holds no certificate");
            }
            return found;
        }
    }

    Path directory() {
        return directory;
    }

    List<X509Certificate> certificates() {
        return certificates;
    }

    /** Why no signer can be trusted; empty when the folder was read and holds certificates. */
    public Optional<Unusable> problem() {
        return problem;
    }

    /** Whether the signer's own certificate is one of the trusted ones. */
    boolean trusts(CodeSigner signer) {
        List<? extends Certificate> chain = signer.getSignerCertPath().getCertificates();
        return !chain.isEmpty() && certificates.contains(chain.get(0));
    }
}
