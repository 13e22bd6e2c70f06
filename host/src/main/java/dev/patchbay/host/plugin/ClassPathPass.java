package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Discovery's one read of every class file on a plugin's class path, shared by the exit-call scan and the linkage
 * check: each class file is inflated once into a buffer reused across classes and handed to both. Not
 * thread-safe: one discovery task owns it.
 */
final class ClassPathPass {

    private final Path self;
    private final Optional<ExitCallScanner> exitScanner;
    private final List<ExitCallCheck.Finding> exitCalls = new ArrayList<>();
    private final Optional<PluginClasses> classes;
    private byte[] buffer = new byte[16 * 1024];

    /**
     * @param self the class path root that is the archive itself
     * @param scanExits whether to scan for exit calls (the operator did not allow them)
     * @param linkage whether to collect the classes for the linkage check
     */
    ClassPathPass(Path self, boolean scanExits, boolean linkage) {
        this.self = self;
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
        if (classes.isEmpty()) { // the exit scan alone reads no further than the constant pool
            ExitCallScanner scanner = exitScanner.orElseThrow();
            ExitCallCheck.finding(self, root, entry, scanner.scan(in, size)).ifPresent(exitCalls::add);
            return;
        }
        int length = read(in, size);
        exitScanner.flatMap(scanner -> ExitCallCheck.scan(scanner, self, root, entry, buffer, length))
                .ifPresent(exitCalls::add);
        classes.ifPresent(collected -> collected.add(root, entry, buffer, length));
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
