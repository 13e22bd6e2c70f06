package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Discovery's one read of every class file on a plugin's class path, shared by the exit-call scan, the linkage
 * check and the factory checks: each class file is inflated once into a buffer reused across classes and handed to
 * all three. The factory classes the service files list are parsed from that buffer as they pass, so that discovery
 * does not inflate them again. Not thread-safe: one discovery task owns it.
 */
final class ClassPathPass {

    private final Path self;
    private final Optional<ExitCallScanner> exitScanner;
    private final List<ExitCallCheck.Finding> exitCalls = new ArrayList<>();
    private final Optional<PluginClasses> classes;
    private final Set<String> factories;
    // The factory classes met, by internal name: the first root's copy, as the plugin's loader would define it.
    private final Map<String, Parsed> parsed = new HashMap<>();
    private byte[] buffer = new byte[16 * 1024];

    /** A factory class as parsed from the pass's buffer: the class file, or why it does not parse. */
    private record Parsed(ClassFile classFile, IOException failure) {
    }

    /**
     * @param self the class path root that is the archive itself
     * @param scanExits whether to scan for exit calls (the operator did not allow them)
     * @param linkage whether to collect the classes for the linkage check
     */
    ClassPathPass(Path self, boolean scanExits, boolean linkage) {
        this(self, scanExits, linkage, Set.of());
    }

    /**
     * @param factories the internal names of the factory classes the service files list, parsed as they pass
     */
    ClassPathPass(Path self, boolean scanExits, boolean linkage, Set<String> factories) {
        this.self = self;
        this.factories = Set.copyOf(factories);
        this.exitScanner = scanExits ? Optional.of(new ExitCallScanner()) : Optional.empty();
        this.classes = linkage ? Optional.of(new PluginClasses(self)) : Optional.empty();
    }

    void run(PluginContent content) throws IOException {
        if (exitScanner.isEmpty() && classes.isEmpty()) {
            return;
        }
        content.forEachClassFile(this::visit);
    }

    private void visit(Path root, String entry, InputStream in, long size) throws IOException {
        String internal = entry.substring(0, entry.length() - ".class".length());
        boolean factory = factories.contains(internal) && !parsed.containsKey(internal);
        if (classes.isEmpty() && !factory) { // the exit scan alone reads no further than the constant pool
            ExitCallScanner scanner = exitScanner.orElseThrow();
            ExitCallCheck.finding(self, root, entry, scanner.scan(in, size)).ifPresent(exitCalls::add);
            return;
        }
        int length = read(in, size);
        exitScanner.flatMap(scanner -> ExitCallCheck.scan(scanner, self, root, entry, buffer, length))
                .ifPresent(exitCalls::add);
        classes.ifPresent(collected -> collected.add(root, entry, buffer, length));
        if (factory) {
            try {
                parsed.put(internal, new Parsed(ClassFile.parse(buffer, length), null));
            } catch (IOException e) {
                parsed.put(internal, new Parsed(null, e));
            }
        }
    }

    /**
     * A factory class as the pass parsed it; empty when the pass did not meet it (it did not run, or the class is
     * not on the class path), so that the caller reads it itself.
     *
     * @throws IOException if the class file met does not parse, as {@link ClassFile#parse} says
     */
    Optional<ClassFile> factory(String internal) throws IOException {
        Parsed found = parsed.get(internal);
        if (found == null) {
            return Optional.empty();
        }
        if (found.failure() != null) {
            throw new IOException(found.failure().getMessage(), found.failure());
        }
        return Optional.of(found.classFile());
    }

    private int read(InputStream in, long size) throws IOException {
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
            byte[] all = in.readAllBytes();
            buffer = all.length > buffer.length ? all : buffer;
            System.arraycopy(all, 0, buffer, 0, all.length);
            return all.length;
        }
        if (buffer.length < size) {
            buffer = new byte[(int) Math.max(size, Math.min(Integer.MAX_VALUE - 8, 2L * buffer.length))];
        }
        return in.readNBytes(buffer, 0, (int) size);
    }

    List<ExitCallCheck.Finding> exitCalls() {
        return exitCalls;
    }

    Optional<PluginClasses> classes() {
        return classes;
    }
}
