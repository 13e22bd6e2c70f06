package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Verifies the jar signatures of an archive with {@code java.util.jar}: a jar plugin itself, and each {@code lib/}
 * jar of a zip or folder plugin (a zip's are copied to a temporary file to be opened as jars, and deleted again).
 * With {@code plugins.requireSigned}, every entry must be signed by a signer of the {@link TrustStore}, and a zip or
 * folder may have no {@code classes/}; without it, the signers are reported and only broken signatures refused.
 * See {@link SignatureProblems} for what each finding becomes.
 */
final class SignatureCheck implements ArchiveCheck {

    private static final String LIB = "lib/";
    private static final String CLASSES = "classes/";

    private final boolean required;
    private final TrustStore trust;

    /** @param trust the trusted signers, read once; ignored unless signatures are required */
    SignatureCheck(boolean required, TrustStore trust) {
        this.required = required;
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /** Reads the trust folder now when the policy requires signatures, so that it is read once per platform. */
    static SignatureCheck forPolicy(ArchivePolicy policy) {
        TrustStore trust = policy.requireSigned() ? TrustStore.read(policy.trustDirectory())
                : TrustStore.unread(policy.trustDirectory());
        return new SignatureCheck(policy.requireSigned(), trust);
    }

    @Override
    public Findings check(Path archive) {
        Optional<PluginArchive> shape = PluginArchive.of(archive);
        if (shape.isEmpty()) {
            return Findings.NONE;
        }
        String where = (shape.get() == PluginArchive.FOLDER ? "plugin folder '" : "plugin archive '")
                + archive.getFileName() + "'";
        SignatureProblems problems = new SignatureProblems(required, trust);
        Optional<Problem> unusable = problems.unusableTrust(where);
        if (unusable.isPresent()) {
            return new Findings(List.of(unusable.get()), List.of(), List.of());
        }
        try {
            switch (shape.get()) {
                case JAR -> problems.judge(where, named(archive.getFileName().toString(),
                        () -> JarSignatures.read(archive)));
                case FOLDER -> folder(archive, where, problems);
                case ZIP -> zip(archive, where, problems);
                default -> throw new IllegalStateException("unknown archive shape " + shape.get());
            }
        } catch (IOException | UncheckedIOException e) {
            return new Findings(List.of(new Problem(ProblemCode.CORRUPT_ARCHIVE, where + " cannot be read to verify"
                    + " its signatures (" + e.getMessage() + "); rebuild the plugin or replace the file")), List.of(),
                    List.of());
        } catch (SecurityException e) {
            // Entry reads are mapped one by one in JarSignatures; this is a signature block JarFile rejects whole.
            return new Findings(List.of(new Problem(ProblemCode.CHANGED_AFTER_SIGNING, where + " has a signature"
                    + " that does not verify (" + e.getMessage() + "); get an intact copy from its publisher, or"
                    + " rebuild it and sign it again")), List.of(), List.of());
        }
        return problems.findings();
    }

    private void folder(Path folder, String where, SignatureProblems problems) throws IOException {
        Path classes = folder.resolve(CLASSES);
        if (required && Files.isDirectory(classes)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                problems.classesFolder(where, walk.filter(Files::isRegularFile).sorted()
                        .map(file -> folder.relativize(file).toString().replace('\\', '/')).toList());
            }
        }
        Path lib = folder.resolve(LIB);
        if (!Files.isDirectory(lib)) {
            return;
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(lib, "*.jar")) {
            entries.forEach(jars::add);
        }
        jars.sort(null);
        for (Path jar : jars) {
            String name = LIB + jar.getFileName();
            problems.judge(where + ": " + name, named(name, () -> JarSignatures.read(jar)));
        }
    }

    private void zip(Path archive, String where, SignatureProblems problems) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            // The same root PluginArchive explodes: the zip's own root, or its one top folder.
            String root = zip.getEntry(PluginArchive.MANIFEST) != null ? ""
                    : PluginArchive.singleTopFolder(zip).orElse("");
            List<String> classes = new ArrayList<>();
            List<ZipEntry> jars = new ArrayList<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(root)) {
                    continue;
                }
                String inside = name.substring(root.length());
                if (inside.startsWith(CLASSES)) {
                    classes.add(inside);
                } else if (inside.startsWith(LIB) && inside.endsWith(".jar") && inside.indexOf('/', LIB.length()) < 0) {
                    jars.add(entry);
                }
            }
            problems.classesFolder(where, classes.stream().sorted().toList());
            jars.sort(java.util.Comparator.comparing(ZipEntry::getName));
            for (ZipEntry jar : jars) {
                String name = jar.getName().substring(root.length());
                problems.judge(where + ": " + name, named(name, () -> nested(zip, jar)));
            }
        }
    }

    private interface JarRead {
        JarSignatures read() throws IOException;
    }

    /**
     * A jar that cannot be read is refused, naming it, when signatures are required: none of it is verified.
     * Otherwise it is left to discovery, which reads the same jar next and reports it as CORRUPT_ARCHIVE with the
     * plugin's id.
     */
    private JarSignatures named(String name, JarRead read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            if (!required) {
                return JarSignatures.UNREAD;
            }
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    /** A zip's lib/ jar, copied out so that JarFile verifies it as the class loader later reads it. */
    private static JarSignatures nested(ZipFile zip, ZipEntry jar) throws IOException {
        Path copy = Files.createTempFile("patchbay-signature-", ".jar");
        try {
            try (InputStream in = zip.getInputStream(jar)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return JarSignatures.read(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
