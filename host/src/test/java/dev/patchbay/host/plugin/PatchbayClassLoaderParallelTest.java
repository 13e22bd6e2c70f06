package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin class loader locks per class name, so one slow load does not hold up the plugin's other loads. */
class PatchbayClassLoaderParallelTest {

    private static final long DEADLINE_SECONDS = 30;

    @TempDir
    Path dir;

    /** A dependency's loader that holds every load until released, as a slow or stuck load would. */
    private static final class HeldLoader extends ClassLoader {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldLoader() {
            super(null);
        }

        @Override
        public Class<?> loadClass(String name) throws ClassNotFoundException {
            entered.countDown();
            try {
                if (!release.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    throw new ClassNotFoundException(name + ": the test did not release the held load in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClassNotFoundException(name + ": interrupted while held", e);
            }
            throw new ClassNotFoundException(name + " is not in the held loader");
        }
    }

    @Test
    void isRegisteredAsParallelCapable() {
        PatchbayClassLoader loader = loader(List.of(), 0);
        assertThat(loader.isRegisteredAsParallelCapable()).isTrue();
    }

    @Test
    void otherClassesLoadWhileOneLoadIsHeldInADependency() throws Exception {
        HeldLoader held = new HeldLoader();
        PatchbayClassLoader loader = loader(List.of(new PatchbayClassLoader.DependencyLink("dep",
                Set.of("com.example.dep"), held)), 8);
        ExecutorService threads = Executors.newFixedThreadPool(9);
        try {
            Future<Throwable> blocked = threads.submit(() -> {
                try {
                    loader.loadClass("com.example.dep.Missing");
                    return null;
                } catch (ClassNotFoundException expected) {
                    return expected;
                }
            });
            assertThat(held.entered.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the held load began").isTrue();
            // With a loader that locks on itself, each of these would wait for the held load to end.
            List<Future<Class<?>>> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "com.example.own.C" + i;
                others.add(threads.submit(() -> loader.loadClass(name)));
            }
            for (int i = 0; i < others.size(); i++) {
                Class<?> type = others.get(i).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
                assertThat(type.getName()).isEqualTo("com.example.own.C" + i);
                assertThat(type.getClassLoader()).isSameAs(loader);
            }
            assertThat(blocked.isDone()).as("the held load is still held").isFalse();
            held.release.countDown();
            assertThat(blocked.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ClassNotFoundException.class);
        } finally {
            held.release.countDown();
            threads.shutdownNow();
            assertThat(threads.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            loader.close();
        }
    }

    @Test
    void manyThreadsLoadingTheSameClassesGetOneDefinitionEach() throws Exception {
        PatchbayClassLoader loader = loader(List.of(), 8);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Class<?>>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    start.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
                    List<Class<?>> loaded = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        loaded.add(loader.loadClass("com.example.own.C" + i));
                    }
                    return loaded;
                }));
            }
            start.countDown();
            List<Class<?>> first = results.get(0).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            for (Future<List<Class<?>>> result : results) {
                List<Class<?>> loaded = result.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
                for (int i = 0; i < loaded.size(); i++) {
                    assertThat(loaded.get(i)).isSameAs(first.get(i));
                }
            }
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            loader.close();
        }
    }

    private PatchbayClassLoader loader(List<PatchbayClassLoader.DependencyLink> links, int classes) {
        PluginJarBuilder plugin = PluginJarBuilder.plugin("parallel");
        for (int i = 0; i < classes; i++) {
            plugin.source("com.example.own.C" + i, "package com.example.own; public class C" + i + " { }");
        }
        Path jar = plugin.buildJar(dir);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", "parallel");
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        manifest.getMainAttributes().putValue("Plugin-Requires", ">=1.0.0");
        org.pf4j.PluginDescriptor descriptor = PluginManifest.parse(manifest, "parallel.jar", new Versions()).toPf4j();
        return new PatchbayClassLoader(new PatchbayPluginManager(dir, "1.0.0", new Versions()), descriptor,
                List.of(jar), links);
    }
}
