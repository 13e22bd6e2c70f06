package dev.patchbay.processor;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.patchbay.api.Extension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles real sources in-process with the processor, against the api jar, into a directory. */
final class Compilation {

    /** A compiler diagnostic, reduced to what the tests look at. */
    record Message(Diagnostic.Kind kind, String text, String file, long line) {
    }

    private final boolean success;
    private final List<Message> messages;
    private final Path out;

    private Compilation(boolean success, List<Message> messages, Path out) {
        this.success = success;
        this.messages = messages;
        this.out = out;
    }

    /** Compiles sources (file path under the source root, such as {@code a/B.java}, to text) into {@code dir/classes}. */
    static Compilation compile(Path dir, Map<String, String> sources, Processor... processors) {
        try {
            Path src = Files.createDirectories(dir.resolve("src"));
            Path out = Files.createDirectories(dir.resolve("classes"));
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                files.add(Files.writeString(file, source.getValue(), UTF_8));
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager manager = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
                List<String> options = List.of("--release", "17", "-Xlint:all", "-classpath", apiJar().toString(),
                        "-d", out.toString());
                JavaCompiler.CompilationTask task = javac.getTask(null, manager, diagnostics, options, null,
                        manager.getJavaFileObjectsFromPaths(files));
                task.setProcessors(processors.length == 0 ? List.of(new ExtensionProcessor()) : List.of(processors));
                boolean success = task.call();
                List<Message> messages = diagnostics.getDiagnostics().stream()
                        .map(d -> new Message(d.getKind(), d.getMessage(Locale.ROOT),
                                d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName().toString(),
                                d.getLineNumber()))
                        .toList();
                return new Compilation(success, messages, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The api jar (or classes folder) that the test itself runs against. */
    static Path apiJar() {
        try {
            return Path.of(Extension.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean success() {
        return success;
    }

    List<Message> messages() {
        return messages;
    }

    List<Message> messages(Diagnostic.Kind kind) {
        return messages.stream().filter(m -> m.kind() == kind).toList();
    }

    /** The file's text in the class output, if it was written. */
    Optional<String> output(String path) {
        Path file = out.resolve(path);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
