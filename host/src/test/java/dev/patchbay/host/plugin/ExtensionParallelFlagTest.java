package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @Sequential} is read from the class file, without loading or running plugin code. */
class ExtensionParallelFlagTest {

    @TempDir
    Path plugins;

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> new Thread(runnable, "test-discovery-" + count.incrementAndGet());
    }

    @Test
    void discoveryReadsSequentialOnEachFactoryCodeFree() {
        String serial = Sources.processor("com.example.st.Serial", "serial", "")
                .replace("@Extension(name = \"serial\"", "@dev.patchbay.api.Sequential @Extension(name = \"serial\"");
        // Another annotation on the class must not be mistaken for @Sequential.
        String explicit = Sources.processor("com.example.st.Explicit", "explicit", "")
                .replace("@Extension(name = \"explicit\"", "@Deprecated @Extension(name = \"explicit\"");
        // Code that would fail if run: discovery must not load the class to read the flag.
        String plain = Sources.processor("com.example.st.Plain", "plain",
                "static { if (true) throw new IllegalStateException(\"loaded\"); }");
        PluginJarBuilder.plugin("stateful").source("com.example.st.Serial", serial)
                .source("com.example.st.Explicit", explicit).source("com.example.st.Plain", plain)
                .service(ProcessorFactory.class, "com.example.st.Serial", "com.example.st.Explicit",
                        "com.example.st.Plain").buildJar(plugins);

        try (PluginPlatform platform = new PluginPlatform(() -> PluginArchive.list(plugins), plugins,
                PluginSelection.all(), PluginClassLoaderFactory.standard(), threads(),
                "the plugin '{id}' to the plugins folder")) {
            platform.discover();
            PluginInfo info = platform.plugin("stateful").orElseThrow();

            assertThat(info.state()).isEqualTo(PluginState.RESOLVED);
            assertThat(info.extensions()).extracting(ExtensionDescriptor::name, ExtensionDescriptor::parallel)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("serial", false),
                            org.assertj.core.groups.Tuple.tuple("explicit", true),
                            org.assertj.core.groups.Tuple.tuple("plain", true));
        }
    }
}
