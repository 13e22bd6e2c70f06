package dev.patchbay.host.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginHandle;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginScope;
import dev.patchbay.host.plugin.PluginState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtensionReferenceTest {

    private static final ExtensionDescriptor MASK =
            new ExtensionDescriptor(ExtensionKind.PROCESSOR, "mask", "Hides field values.", "x.MaskFactory");
    private static final ExtensionDescriptor NOOP =
            new ExtensionDescriptor(ExtensionKind.PROCESSOR, "noop", "", "x.NoopFactory");

    @Test
    void rendersEverySettingOfEveryStartedExtension() {
        String markdown = new ExtensionReference(catalog(PluginState.STARTED)).markdown();

        assertThat(markdown).isEqualTo("""
                #### `transforms/mask` (processor, plugin transforms 1.2.0)

                Hides field values.

                | Setting | Type | Required | Default | Description |
                |---|---|---|---|---|
                | `fields` | array | yes |  | Fields to mask. |
                | `mode` | string | no | `"redact"` | How to mask \\| hide. One of `redact`, `hash`. |
                | `limit` | integer | no | `3` | At most. |

                #### `transforms/noop` (processor, plugin transforms 1.2.0)

                Takes no settings.

                """);
    }

    @Test
    void writesStringDefaultsAsJsonLiterals() {
        Setting quote = Setting.optional("quote", SettingType.STRING, "Quote character.").withDefault("\"");
        Setting escape = Setting.optional("escape", SettingType.STRING, "Escape character.").withDefault("\\");
        LoadedExtension extension = loaded(NOOP, new Factory(List.of(quote, escape)),
                new PluginScope("transforms", getClass().getClassLoader()));

        String markdown = new ExtensionReference(single(PluginState.STARTED, List.of(NOOP), extension)).markdown();

        assertThat(markdown).contains("| `quote` | string | no | `\"\\\"\"` |")
                .contains("| `escape` | string | no | `\"\\\\\"` |");
    }

    @Test
    void saysWhichSettingsAreFilesTheExtensionReadsOrWrites() {
        Setting in = Setting.required("path", SettingType.STRING, "File to read.").asInputPath();
        Setting out = Setting.optional("rejects", SettingType.STRING, "File to write.").asOutputPath();
        LoadedExtension extension = loaded(NOOP, new Factory(List.of(in, out)),
                new PluginScope("transforms", getClass().getClassLoader()));

        String markdown = new ExtensionReference(single(PluginState.STARTED, List.of(NOOP), extension)).markdown();

        assertThat(markdown).contains("| `path` | string, input path | yes |  | File to read. |")
                .contains("| `rejects` | string, output path | no |  | File to write. |");
    }

    @Test
    void leavesOutPluginsThatAreNotStarted() {
        assertThat(new ExtensionReference(catalog(PluginState.FAILED)).markdown()).isEmpty();
    }

    @Test
    void readsSettingsInsideThePluginScope() {
        ClassLoader pluginLoader = new ClassLoader(getClass().getClassLoader()) { };
        ClassLoader[] seen = new ClassLoader[1];
        ProcessorFactory factory = new Factory(List.of()) {
            @Override
            public List<Setting> settings() {
                seen[0] = Thread.currentThread().getContextClassLoader();
                return List.of();
            }
        };
        ExtensionCatalog catalog = single(PluginState.STARTED, List.of(NOOP),
                loaded(NOOP, factory, new PluginScope("transforms", pluginLoader)));

        new ExtensionReference(catalog).markdown();

        assertThat(seen[0]).isSameAs(pluginLoader);
    }

    private static ExtensionCatalog catalog(PluginState state) {
        List<Setting> maskSettings = List.of(
                Setting.required("fields", SettingType.LIST, "Fields to mask."),
                Setting.optional("mode", SettingType.STRING, "How to mask | hide.").withDefault("redact")
                        .oneOf("redact", "hash"),
                Setting.optional("limit", SettingType.LONG, "At most.").withDefault(3));
        PluginScope scope = new PluginScope("transforms", ExtensionReferenceTest.class.getClassLoader());
        return new ExtensionCatalog() {
            @Override
            public List<PluginInfo> plugins() {
                return List.of(info(state, List.of(MASK, NOOP)));
            }

            @Override
            public Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
                ExtensionDescriptor descriptor = name.equals("mask") ? MASK : NOOP;
                List<Setting> settings = name.equals("mask") ? maskSettings : List.of();
                return Optional.of(loaded(descriptor, new Factory(settings), scope));
            }
        };
    }

    private static ExtensionCatalog single(PluginState state, List<ExtensionDescriptor> descriptors,
            LoadedExtension extension) {
        return new ExtensionCatalog() {
            @Override
            public List<PluginInfo> plugins() {
                return List.of(info(state, descriptors));
            }

            @Override
            public Optional<LoadedExtension> extension(String pluginId, ExtensionKind kind, String name) {
                return Optional.of(extension);
            }
        };
    }

    private static PluginInfo info(PluginState state, List<ExtensionDescriptor> extensions) {
        return new PluginInfo("transforms", "1.2.0", "Patchbay", "Apache-2.0", "", ">=1.0.0", List.of(),
                Path.of("plugins/transforms.jar"), state, extensions, List.of());
    }

    private static class Factory implements ProcessorFactory {
        private final List<Setting> settings;

        Factory(List<Setting> settings) {
            this.settings = settings;
        }

        @Override
        public List<Setting> settings() {
            return settings;
        }

        @Override
        public Processor create(Settings settings, ExtensionContext context) {
            return (record, out) -> out.emit(record);
        }
    }

    private static LoadedExtension loaded(ExtensionDescriptor descriptor, ProcessorFactory factory, PluginScope scope) {
        return new LoadedExtension(PluginHandle.standalone(scope.pluginId(), "1.0.0", scope), descriptor, factory);
    }
}
