package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The class path pass parses the listed factory classes as they pass, so discovery does not inflate them again. */
class ClassPathPassTest {

    @TempDir
    Path dir;

    private Path jar() {
        return PluginJarBuilder.plugin("pass")
                .source("com.example.pass.Base", """
                        package com.example.pass;
                        public abstract class Base implements dev.patchbay.api.ProcessorFactory { }
                        """)
                .source("com.example.pass.Child", """
                        package com.example.pass;
                        import dev.patchbay.api.*;
                        @Extension(name = "child", description = "d")
                        public class Child extends Base {
                            public java.util.List<Setting> settings() { return java.util.List.of(); }
                            public Processor create(Settings s, ExtensionContext c) { return (r, out) -> out.emit(r); }
                        }
                        """)
                .service(dev.patchbay.api.ProcessorFactory.class, "com.example.pass.Child")
                .classFile("com.example.pass.Broken", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0})
                .buildJar(dir);
    }

    @ParameterizedTest(name = "exit scan {0}, linkage {1}")
    @CsvSource({"true, true", "true, false", "false, true"})
    void parsesTheListedFactoriesFromTheSingleRead(boolean scanExits, boolean linkage) throws IOException {
        Path jar = jar();
        try (PluginContent content = PluginContent.open(List.of(jar))) {
            ClassPathPass pass = new ClassPathPass(jar, scanExits, linkage,
                    Set.of("com/example/pass/Child", "com/example/pass/Broken", "com/example/pass/Absent"));
            pass.run(content);
            assertThat(pass.factory("com/example/pass/Child")).hasValueSatisfying(child -> {
                assertThat(child.name()).isEqualTo("com/example/pass/Child");
                assertThat(child.superName()).contains("com/example/pass/Base");
                assertThat(child.annotation("Ldev/patchbay/api/Extension;")).isPresent();
            });
            assertThat(pass.factory("com/example/pass/Base")).as("not listed, so not parsed").isEmpty();
            assertThat(pass.factory("com/example/pass/Absent")).as("not on the class path").isEmpty();
            assertThatThrownBy(() -> pass.factory("com/example/pass/Broken")).isInstanceOf(IOException.class)
                    .hasMessageContaining("truncated class file");
            // The type check takes the supertypes from the pass: the factory it parsed, or the linkage check's classes.
            PluginDiscovery.SupertypeLookup supertypes = PluginDiscovery.supertypesOf(content, pass);
            assertThat(supertypes.supertypes("com/example/pass/Child")).contains(List.of("com/example/pass/Base"));
            assertThat(supertypes.supertypes("com/example/pass/Base"))
                    .contains(List.of("dev/patchbay/api/ProcessorFactory", "java/lang/Object"));
            assertThat(PluginDiscovery.inherits("com/example/pass/Child", "dev/patchbay/api/ProcessorFactory",
                    supertypes, new HashSet<>())).isEqualTo(PluginDiscovery.Answer.YES);
        }
    }

    @Test
    void withNeitherCheckNothingIsReadAndDiscoveryReadsTheFactoryItself() throws IOException {
        Path jar = jar();
        try (PluginContent content = PluginContent.open(List.of(jar))) {
            ClassPathPass pass = new ClassPathPass(jar, false, false, Set.of("com/example/pass/Child"));
            pass.run(content);
            assertThat(pass.factory("com/example/pass/Child")).isEmpty();
            assertThat(PluginDiscovery.supertypesOf(content, pass).supertypes("com/example/pass/Child"))
                    .contains(List.of("com/example/pass/Base"));
        }
    }
}
