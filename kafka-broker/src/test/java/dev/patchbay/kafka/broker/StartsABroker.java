package dev.patchbay.kafka.broker;

import java.nio.file.Path;

/**
 * A JVM that starts a broker, prints its pid and waits to be killed: the parent whose death
 * {@link ParentDeathTest} simulates.
 */
final class StartsABroker {

    private StartsABroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]));
        System.out.println("child=" + broker.process().orElseThrow().pid());
        System.out.flush();
        // Waits until the test kills this JVM; the test's own deadline bounds it.
        Thread.currentThread().join();
    }
}
