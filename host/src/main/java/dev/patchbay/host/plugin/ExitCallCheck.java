package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Discovery's check for calls that end the JVM (EXIT_CALL): scans the constant pool of every class file on the
 * plugin's class path, its own classes and its {@code lib/} jars, with {@link ExitCallScanner}, and reports every
 * class that calls {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt} in one problem. Since the
 * SecurityManager is gone, refusing such a plugin before any of its code runs is the only protection the host
 * has. Code-free; a plugin the operator allows ({@code plugins.allowExit}) is not scanned at all.
 */
final class ExitCallCheck {

    /** How many offending classes the message names; the rest are counted. */
    static final int SHOWN = 5;

    private static final String VERSIONED = "META-INF/versions/";

    /** One class that calls at least one of the methods. */
    record Finding(String className, Optional<String> lib, List<ExitCallScanner.Call> calls) {
        Finding {
            calls = List.copyOf(calls);
        }

        String describe() {
            return calls.stream().map(ExitCallScanner.Call::display).collect(Collectors.joining(" and "))
                    + " in class " + className + lib.map(name -> " (" + name + ")").orElse("");
        }
    }

    private ExitCallCheck() {
    }

    /**
     * The problem of a plugin whose class files call an exit method, or empty when none does.
     *
     * @param archive the archive in the plugins folder, named in the message
     * @param self the class path root that is the archive itself: the staging copy of a jar, or the archive
     */
    static Optional<Problem> check(PluginManifest descriptor, Path archive, Path self, PluginContent content)
            throws IOException {
        return report(descriptor, archive, scan(self, content));
    }

    /** The finding of one class file already read into {@code bytes}, as discovery's single pass hands it over. */
    static Optional<Finding> scan(ExitCallScanner scanner, Path self, Path root, String entry, byte[] bytes,
            int length) {
        return finding(self, root, entry, scanner.scan(bytes, length));
    }

    /** The finding for a class file whose scan gave {@code mask}, or empty for 0. */
    static Optional<Finding> finding(Path self, Path root, String entry, int mask) {
        return mask == 0 ? Optional.empty()
                : Optional.of(new Finding(binaryName(entry), libOf(self, root), ExitCallScanner.Call.of(mask)));
    }

    /** The problem of a plugin with these findings, or empty when there are none. */
    static Optional<Problem> report(PluginManifest descriptor, Path archive, List<Finding> findings) {
        if (findings.isEmpty()) {
            return Optional.empty();
        }
        String id = descriptor.id();
        String version = descriptor.version().isEmpty() ? "" : " " + descriptor.version();
        String classes = findings.stream().limit(SHOWN).map(Finding::describe).collect(Collectors.joining(", "));
        int more = findings.size() - SHOWN;
        String rest = more <= 0 ? "" : ", and " + more + " more " + (more == 1 ? "class" : "classes") + " ("
                + findings.size() + " in all)";
        return Optional.of(new Problem(ProblemCode.EXIT_CALL, "plugin '" + id + "'" + version + " ("
                + archive.getFileName() + ") calls " + classes + rest + "; a plugin that ends the JVM takes every"
                + " pipeline down with it; remove the call, or, if you trust it, allow it with \"plugins\": "
                + "{\"allowExit\": [\"" + id + "\"]} in the configuration"));
    }

    /** Every class of the plugin's class path that calls an exit method, in class path order. */
    static List<Finding> scan(Path archive, PluginContent content) throws IOException {
        ExitCallScanner scanner = new ExitCallScanner();
        List<Finding> findings = new ArrayList<>();
        content.forEachClassFile((root, entry, in, size) -> {
            int mask = scanner.scan(in, size);
            if (mask != 0) {
                findings.add(new Finding(binaryName(entry), libOf(archive, root), ExitCallScanner.Call.of(mask)));
            }
        });
        return findings;
    }

    /** {@code com/acme/Cli.class}, also under {@code META-INF/versions/N/}, becomes {@code com.acme.Cli}. */
    static String binaryName(String entry) {
        String name = entry.substring(0, entry.length() - ".class".length());
        if (name.startsWith(VERSIONED)) {
            int slash = name.indexOf('/', VERSIONED.length());
            name = slash < 0 ? name : name.substring(slash + 1);
        }
        return name.replace('/', '.');
    }

    /** {@code lib/NAME.jar} for a root that is a bundled jar; empty for a jar plugin itself or {@code classes/}. */
    private static Optional<String> libOf(Path archive, Path root) {
        if (root.equals(archive) || Files.isDirectory(root)) {
            return Optional.empty();
        }
        return Optional.of("lib/" + root.getFileName());
    }
}
