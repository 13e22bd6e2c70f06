package dev.patchbay.host.plugin;

import dev.patchbay.host.logging.LogFormat;
import dev.patchbay.host.logging.LogSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The main class of the separate JVM a start check ({@code --start}) runs: reads the request file, starts the
 * plugins it names in this JVM ({@link InProcessStart}), writes the report file and halts. Only {@link ChildJvmStart}
 * runs it; its arguments are the request file and the report file.
 *
 * <p>The report is written to a temporary name and renamed, so a child killed while writing leaves no report rather
 * than half of one. The JVM halts instead of exiting: a plugin's shutdown hook or a thread it left running must not
 * delay the end, and the parent reads nothing but the report and the exit code.
 */
public final class StartProbe {

    /** The exit code when the request could not be read or the report not written. */
    static final int FAILED = 1;

    private StartProbe() {
    }

    public static void main(String[] args) {
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
        int code = 0;
        try {
            if (args.length != 2) {
                throw new IllegalArgumentException("usage: StartProbe REQUEST-FILE REPORT-FILE; got "
                        + args.length + " arguments");
            }
            StartRequest request = StartProtocol.readRequest(Files.readAllBytes(Path.of(args[0])));
            StartReport report = new InProcessStart().start(request);
            Path target = Path.of(args[1]);
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.write(partial, StartProtocol.writeReport(report));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception | LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(StartProbe.class).error("the start check failed: {}", e.toString(), e);
            code = FAILED;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
