package dev.patchbay.processor;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The service file entries found across all rounds, written once in the final round and merged with
 * what the class output already holds (resources copied there by the build, or an earlier compile).
 *
 * @since 1.0.0
 */
final class ServiceFiles {

    private final Filer filer;
    private final Messager messager;
    private final Map<FactoryKind, SortedSet<String>> entries = new EnumMap<>(FactoryKind.class);
    private final Map<FactoryKind, Map<String, String>> classByName = new EnumMap<>(FactoryKind.class);

    ServiceFiles(Filer filer, Messager messager) {
        this.filer = filer;
        this.messager = messager;
    }

    /**
     * The class of this kind that already uses the factory's extension name in this compilation, if any;
     * otherwise remembers the factory for its kind.
     */
    Optional<String> claim(FactoryKind kind, Factory factory) {
        String other = classByName.computeIfAbsent(kind, k -> new HashMap<>())
                .putIfAbsent(factory.name(), factory.binaryName());
        if (other != null) {
            return Optional.of(other);
        }
        entries.computeIfAbsent(kind, k -> new TreeSet<>()).add(factory.binaryName());
        return Optional.empty();
    }

    /** Writes the service file of every kind that has entries; call once, in the final round. */
    void write() {
        for (Map.Entry<FactoryKind, SortedSet<String>> kind : entries.entrySet()) {
            String path = kind.getKey().serviceFile();
            try {
                SortedSet<String> lines = existing(path);
                lines.addAll(kind.getValue());
                FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path);
                try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                    for (String line : lines) {
                        out.write(line);
                        out.write('\n');
                    }
                }
            } catch (IOException e) {
                messager.printMessage(Diagnostic.Kind.ERROR, "could not write " + path
                        + " to the class output: " + e + "; check that the output directory is writable");
            }
        }
    }

    /** The class names the file already lists in the class output, without comments and blank lines. */
    private SortedSet<String> existing(String path) throws IOException {
        SortedSet<String> lines = new TreeSet<>();
        FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", path);
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(file.openInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int comment = line.indexOf('#');
                String entry = (comment < 0 ? line : line.substring(0, comment)).strip();
                if (!entry.isEmpty()) {
                    lines.add(entry);
                }
            }
        } catch (NoSuchFileException | FileNotFoundException e) {
            return lines; // nothing to merge with
        }
        return lines;
    }
}
