package dev.patchbay.host.cli;

import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.testing.PluginJarBuilder;
import dev.patchbay.host.testing.Sources;
import java.nio.file.Path;

/**
 * A plugin whose processor factory's static initialiser writes the pid of the JVM that runs it to a marker file,
 * so a test can tell whether, and in which process, plugin code ran. {@code marker/probe} declares one required
 * setting, {@code threshold}; {@code marker/count} and {@code marker/discard} make a runnable pipeline with it.
 */
final class MarkerPlugin {

    private MarkerPlugin() {
    }

    /** The plugin {@code marker}, its probe running {@code initialiser} after writing its pid to {@code marker}. */
    static PluginJarBuilder plugin(Path marker, String initialiser) {
        String probe = """
                package com.example.marker;

                import dev.patchbay.api.*;
                import java.util.List;

                @Extension(name = "probe", description = "Writes its pid to a marker file when its class is initialised.")
                public class Probe implements ProcessorFactory {
                    static {
                        try {
                            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"),
                                    Long.toString(ProcessHandle.current().pid()));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        %s
                    }

                    @Override
                    public List<Setting> settings() {
                        return List.of(Setting.required("threshold", SettingType.LONG, "Smallest value passed on."));
                    }

                    @Override
                    public Processor create(Settings settings, ExtensionContext context) {
                        return (record, out) -> out.emit(record);
                    }
                }
                """.formatted(marker.toAbsolutePath().toString().replace("\\", "\\\\"), initialiser);
        return PluginJarBuilder.plugin("marker")
                .source("com.example.marker.Probe", probe).service(ProcessorFactory.class, "com.example.marker.Probe")
                .source("com.example.marker.Count", Sources.countingSource("com.example.marker.Count", "count", 3))
                .service(SourceFactory.class, "com.example.marker.Count")
                .source("com.example.marker.Discard", Sources.discardingSink("com.example.marker.Discard", "discard"))
                .service(SinkFactory.class, "com.example.marker.Discard");
    }

    /** A configuration whose one pipeline uses the probe with {@code settings} (a JSON object). */
    static String config(String settings) {
        return """
                {"pipelines": {"probed": {"source": {"use": "marker/count"},
                  "processors": [{"use": "marker/probe", "settings": %s}],
                  "sink": {"use": "marker/discard"}}}}
                """.formatted(settings);
    }
}
