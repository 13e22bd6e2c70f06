/**
 * The Patchbay test kit: tests a plugin's extensions the way the host runs them, without writing a host.
 *
 * <ul>
 *   <li>{@link dev.patchbay.testkit.ProcessorTester}, {@link dev.patchbay.testkit.SourceTester} and
 *       {@link dev.patchbay.testkit.SinkTester} run a factory in memory: its settings go through the host's own
 *       validation (the messages of {@code patchbay config check}), the stage is created with a
 *       {@link dev.patchbay.testkit.TestContext}, and every call into the plugin runs with the thread context
 *       class loader set to the factory's class loader.</li>
 *   <li>{@link dev.patchbay.testkit.PluginUnderTest} loads a built plugin archive through the host's real
 *       discovery, verification and isolated class loaders, and hands out the factories the host created.</li>
 * </ul>
 *
 * <p>Null policy: as in the api, no method accepts or returns null except row field values.
 *
 * @since 1.0.0
 */
package dev.patchbay.testkit;
