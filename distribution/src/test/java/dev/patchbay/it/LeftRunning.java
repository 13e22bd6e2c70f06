package dev.patchbay.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills, when the test JVM exits, every launcher a test started and did not see end: a test that fails half-way
 * must not leave a Patchbay host running after the build (a child process outlives the JVM that started it).
 * One set for the JVM, since the hook is; a process leaves it when it ends.
 */
final class LeftRunning {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }), "patchbay-it-left-running"));
    }

    private LeftRunning() {
    }

    /** Remembers a started launcher until it ends. */
    static Process track(Process process) {
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
        return process;
    }
}
