package dev.patchbay.host.plugin;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A real plugin, {@code spawner}, built as a jar and started through a {@link PluginPlatform}, for the tests of
 * thread attribution: it hands out its class loader and instances of {@code com.example.spawn.Worker}, a
 * {@link Thread} subclass that its jar defines and that runs until released or interrupted.
 */
final class SpawnerPlugin implements AutoCloseable {

    static final String ID = "spawner";
    static final String WORKER = "com.example.spawn.Worker";

    private static final String WORKER_SOURCE = """
            package com.example.spawn;

            import java.util.concurrent.CountDownLatch;

            public class Worker extends Thread {
                private final CountDownLatch started;
                private final CountDownLatch release;

                public Worker(String name, CountDownLatch started, CountDownLatch release) {
                    super(name);
                    this.started = started;
                    this.release = release;
                }

                @Override
                public void run() {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            """;

    private final PluginPlatform platform;

    SpawnerPlugin(Path plugins) {
        PluginJarBuilder.plugin(ID)
                .source("com.example.spawn.Spawn", Sources.processor("com.example.spawn.Spawn", "spawn", ""))
                .service(ProcessorFactory.class, "com.example.spawn.Spawn")
                .source(WORKER, WORKER_SOURCE)
                .buildJar(plugins);
        platform = new PluginPlatform(plugins, PluginSelection.all());
        platform.start();
    }

    PluginPlatform platform() {
        return platform;
    }

    /** The plugin's own {@link PatchbayClassLoader}. */
    ClassLoader loader() {
        return platform.extension(ID, ExtensionKind.PROCESSOR, "spawn").orElseThrow().factory().getClass()
                .getClassLoader();
    }

    /**
     * A new, unstarted {@code Worker} defined by the plugin's jar: once started it counts {@code started} down,
     * then waits for {@code release}.
     */
    Thread worker(String name, CountDownLatch started, CountDownLatch release) throws ReflectiveOperationException {
        return (Thread) loader().loadClass(WORKER)
                .getConstructor(String.class, CountDownLatch.class, CountDownLatch.class)
                .newInstance(name, started, release);
    }

    @Override
    public void close() {
        platform.close();
    }
}
