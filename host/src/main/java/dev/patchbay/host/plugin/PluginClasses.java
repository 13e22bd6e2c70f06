package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's own classes as the linkage check sees them, filled class file by class file during discovery's single
 * read of the plugin's class path: by internal name, the first root that has a class wins, as in the plugin's class
 * loader. Versioned entries of a multi-release jar ({@code META-INF/versions/}) and {@code module-info} are left
 * out. A class file that does not parse is left out too: the JVM would refuse it, and discovery reports a broken
 * factory class itself. Not thread-safe: one discovery task owns it.
 */
final class PluginClasses {

    private final Path self;
    private final Map<String, ClassReferences> classes = new HashMap<>();
    private final Map<String, Path> roots = new HashMap<>();
    private int unreadable;

    /** @param self the root that is the archive itself (a jar plugin), so that only {@code lib/} jars are named */
    PluginClasses(Path self) {
        this.self = self;
    }

    /** Takes one class file of the class path, in class path order. */
    void add(Path root, String entry, byte[] bytes, int length) {
        if (entry.startsWith("META-INF/") || entry.endsWith("module-info.class")
                || classes.containsKey(entry.substring(0, entry.length() - ".class".length()))) {
            return;
        }
        try {
            ClassReferences parsed = ClassReferences.parse(bytes, length);
            if (parsed.name().equals(entry.substring(0, entry.length() - ".class".length()))) {
                classes.put(parsed.name(), parsed);
                roots.put(parsed.name(), root);
            }
        } catch (IOException e) {
            unreadable++;
        }
    }

    Optional<ClassReferences> find(String internal) {
        return Optional.ofNullable(classes.get(internal));
    }

    boolean contains(String internal) {
        return classes.containsKey(internal);
    }

    int size() {
        return classes.size();
    }

    /** How many class files did not parse and were left out. */
    int unreadable() {
        return unreadable;
    }

    /** {@code lib/NAME.jar} when the class comes from a bundled jar; empty for the plugin's jar or classes/. */
    Optional<String> libOf(String internal) {
        Path root = roots.get(internal);
        if (root == null || root.equals(self) || Files.isDirectory(root)) {
            return Optional.empty();
        }
        return Optional.of("lib/" + root.getFileName());
    }
}
