package dev.patchbay.host.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs a start check in a separate JVM ({@link StartProbe}), so that plugin code can neither touch, hang nor exit
 * this process: the child gets its own temporary folder and a bounded heap, its standard input is closed, its
 * output (standard output and error together) is drained and the first {@value #OUTPUT_LIMIT} bytes kept, and its
 * report comes back in a file. A child that does not end within the time limit is killed, with every process it
 * started; one that exits without a report, or with a malformed one, is a failed report quoting its exit code and
 * output. The temporary folder goes on every path.
 */
public final class ChildJvmStart implements IsolatedStart {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChildJvmStart.class);

    /** How many bytes of the child's output a problem quotes. */
    static final int OUTPUT_LIMIT = 4096;
    /** The child's heap: a plugin that fills it ends the child (exit code 3), never this process. */
    static final String HEAP = "-Xmx512m";
    /** How long to wait for a killed child to be gone, and for its output to be drained, before going on. */
    private static final Duration AFTERMATH = Duration.ofSeconds(10);

    private final Path java;
    private final List<String> jvmOptions;
    private final String classPath;
    private final Duration limit;

    /**
     * @param java the {@code java} launcher
     * @param jvmOptions options for the child JVM before the heap and class path, such as {@code --add-opens}
     * @param classPath the child's class path: the host and its libraries
     * @param limit how long the whole child may take, JVM start included, 1 ms to 1 day
     */
    public ChildJvmStart(Path java, List<String> jvmOptions, String classPath, Duration limit) {
        this.java = Objects.requireNonNull(java, "java");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classPath = Objects.requireNonNull(classPath, "classPath");
        this.limit = Objects.requireNonNull(limit, "limit");
        if (limit.compareTo(Duration.ofMillis(1)) < 0 || limit.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("the start check's time limit " + limit.toMillis()
                    + " ms is outside 1 ms to 1 day; give --start-timeout in milliseconds, for example 60000");
        }
    }

    /**
     * A child of this JVM's own {@code java} ({@code java.home}) and class path ({@code java.class.path}), with this
     * JVM's {@code --add-opens} and {@code --add-exports} options, so plugins start there as they would here (see
     * {@link PluginShutdownHooks}).
     */
    public static ChildJvmStart ofThisJvm(Duration limit) {
        List<String> opens = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("--add-opens") || option.startsWith("--add-exports")).toList();
        return new ChildJvmStart(Path.of(System.getProperty("java.home"), "bin", "java"), opens,
                System.getProperty("java.class.path"), limit);
    }

    @Override
    public StartReport start(StartRequest request) {
        Path work;
        try {
            work = Files.createTempDirectory("patchbay-start-check-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the start check in java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir") + "): " + e.getMessage() + "; free space there or set "
                    + "-Djava.io.tmpdir to a writable folder", e);
        }
        try {
            return run(request, work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the start check in '" + work + "': " + e.getMessage()
                    + "; check that " + java + " can be run and java.io.tmpdir is writable", e);
        } finally {
            try {
                FileTrees.delete(work);
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("the start check's folder {} could not be deleted: {}; delete it by hand", work,
                        e.toString(), e);
            }
        }
    }

    private StartReport run(StartRequest request, Path work) throws IOException {
        Path requestFile = Files.write(work.resolve("request.json"), StartProtocol.writeRequest(request));
        Path reportFile = work.resolve("report.json");
        Path tmp = Files.createDirectory(work.resolve("tmp"));
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(HEAP, "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + tmp, "-cp", classPath,
                StartProbe.class.getName(), requestFile.toString(), reportFile.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        child.getOutputStream().close();
        BoundedOutput output = new BoundedOutput(child.getInputStream(), OUTPUT_LIMIT);
        Thread drain = new Thread(output, "patchbay-start-check-output-" + child.pid());
        drain.setDaemon(true);
        drain.start();
        boolean ended;
        try {
            ended = child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(child);
            Thread.currentThread().interrupt();
            return StartReport.failed(new Problem(ProblemCode.START_CHECK_FAILED, "the start check (pid " + child.pid()
                    + ") was interrupted and its JVM killed before it reported; run the command again"));
        }
        if (!ended) {
            kill(child);
        }
        awaitOutput(drain);
        if (!ended) {
            return StartReport.failed(new Problem(ProblemCode.START_TIMEOUT, "the separate JVM that ran the "
                    + "plugins' code (pid " + child.pid() + ") did not report within " + limit.toMillis()
                    + " ms, so it was killed with every process it started; its output: " + output.text()
                    + "; a static initialiser or constructor may hang: check each archive alone with `patchbay "
                    + "plugins verify --start FILE`, or give a longer --start-timeout if the plugins start slowly"));
        }
        int exit = child.exitValue();
        if (exit != 0 || !Files.exists(reportFile)) {
            return StartReport.failed(new Problem(ProblemCode.START_CHECK_FAILED, "the separate JVM that ran the "
                    + "plugins' code (pid " + child.pid() + ") exited with code " + exit + " without a report; "
                    + "its output: " + output.text() + "; a static initialiser or constructor may have called "
                    + "System.exit (code " + exit + "), or the JVM ran out of memory (code 3 after 'Terminating due "
                    + "to java.lang.OutOfMemoryError'): check each archive alone with `patchbay plugins verify "
                    + "--start FILE` to find the plugin"));
        }
        try {
            return StartProtocol.readReport(Files.readAllBytes(reportFile));
        } catch (IOException | RuntimeException e) {
            return StartReport.failed(new Problem(ProblemCode.START_CHECK_FAILED, "the separate JVM that ran the "
                    + "plugins' code (pid " + child.pid() + ") wrote a report that cannot be read (" + e.getMessage()
                    + "); its output: " + output.text() + "; plugin code may have overwritten the report: check "
                    + "each archive alone with `patchbay plugins verify --start FILE`"));
        }
    }

    /** Kills the child and every process it started, then waits a bounded time for it to be gone. */
    private static void kill(Process child) {
        // Listed before the child dies: once it is gone its children are re-parented and no longer its descendants.
        List<ProcessHandle> descendants = child.descendants().toList();
        child.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!child.waitFor(AFTERMATH.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the start check's JVM (pid {}) was killed but has not ended after {} ms", child.pid(),
                        AFTERMATH.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitOutput(Thread drain) {
        try {
            drain.join(AFTERMATH.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A process the child started and that escaped the kill may hold the pipe open; the daemon thread then
        // ends with it or with this JVM, and the text read so far is quoted.
    }
}
