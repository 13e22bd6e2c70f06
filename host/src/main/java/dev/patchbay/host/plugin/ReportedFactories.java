package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Setting;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Stand-ins for factories a start check instantiated in its separate JVM: they answer {@code settings()} with what
 * the real factory reported there (or throw what it threw), and cannot create anything, since the real factory
 * lives in another process. They let the checks written against {@link LoadedExtension} run on the report.
 */
final class ReportedFactories {

    private ReportedFactories() {
    }

    static ExtensionFactory of(ExtensionKind kind, String reference, Optional<List<Setting>> settings,
            Optional<String> error) {
        Supplier<List<Setting>> described = () -> settings.orElseThrow(() -> new IllegalStateException(
                "in the start check's separate JVM, settings() of " + reference + " threw " + error.orElse("")));
        return switch (kind) {
            case SOURCE -> new SourceFactory() {
                @Override
                public List<Setting> settings() {
                    return described.get();
                }

                @Override
                public Source create(Settings given, SourceContext context) {
                    throw notHere(reference);
                }
            };
            case PROCESSOR -> new ProcessorFactory() {
                @Override
                public List<Setting> settings() {
                    return described.get();
                }

                @Override
                public Processor create(Settings given, ExtensionContext context) {
                    throw notHere(reference);
                }
            };
            case SINK -> new SinkFactory() {
                @Override
                public List<Setting> settings() {
                    return described.get();
                }

                @Override
                public Sink create(Settings given, ExtensionContext context) {
                    throw notHere(reference);
                }
            };
        };
    }

    private static UnsupportedOperationException notHere(String reference) {
        return new UnsupportedOperationException(reference + " was started in the start check's separate JVM, "
                + "which has ended; its stages are created by `patchbay run` or `serve`, not by a check");
    }
}
