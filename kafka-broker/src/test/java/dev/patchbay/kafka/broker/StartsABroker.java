package dev.patchbay.kafka.broker;

import java.nio.file.Path;

/**
 * A JVM that starts a broker and prints its pid, then waits to be killed ({@code wait}) or exits normally
 * ({@code exit}): the parent whose end {@link ParentDeathTest} watches.
 */
final class StartsABroker {

    private StartsABroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]));
        System.out.println("child=" + broker.process().orElseThrow().pid());
        System.out.flush();
        if (args[1].equals("exit")) {
            System.exit(0);
        }
        // Waits until the test kills this JVM; the test's own deadline bounds it.
        Thread.currentThread().join();
    }
}
