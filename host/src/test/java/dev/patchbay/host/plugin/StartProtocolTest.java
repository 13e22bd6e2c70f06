package dev.patchbay.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The request and report files of a start check survive the trip between two JVMs, and a bad report is refused. */
class StartProtocolTest {

    static Stream<Setting> settings() {
        return Stream.of(
                Setting.required("path", SettingType.STRING, "The file.").asInputPath(),
                Setting.optional("out", SettingType.STRING, "Where to.").withDefault("out/x.jsonl").asOutputPath(),
                Setting.optional("mode", SettingType.STRING, "How.").oneOf("keep", "replace").withDefault("keep"),
                Setting.optional("size", SettingType.LONG, "How many.").withDefault(64L),
                Setting.optional("rate", SettingType.DOUBLE, "How often.").withDefault(0.5),
                Setting.optional("upper", SettingType.BOOLEAN, "Whether.").withDefault(true),
                Setting.optional("tags", SettingType.LIST, "Which.").withDefault(List.of("a", 2L)),
                Setting.optional("labels", SettingType.OBJECT, "Labels.").withDefault(Map.of("team", "data")));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void aSettingComesBackEqual(Setting setting) throws IOException {
        StartReport report = StartReport.of(List.of(new StartReport.StartedPlugin(Path.of("/p/x.jar"), "x", "1.0.0",
                PluginState.STARTED, List.of(), List.of(new StartReport.ExtensionSettings(ExtensionKind.SOURCE, "s",
                        Optional.of(List.of(setting)), Optional.empty())))));

        StartReport back = StartProtocol.readReport(StartProtocol.writeReport(report));

        assertThat(back).isEqualTo(report);
    }

    @Test
    void problemsAndSettingsErrorsComeBack() throws IOException {
        StartReport report = StartReport.of(List.of(new StartReport.StartedPlugin(Path.of("/p/y.jar"), "y", "2.0.0",
                PluginState.FAILED, List.of(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin 'y' threw")),
                List.of(new StartReport.ExtensionSettings(ExtensionKind.SINK, "k", Optional.empty(),
                        Optional.of("java.lang.IllegalStateException: no"))))));

        assertThat(StartProtocol.readReport(StartProtocol.writeReport(report))).isEqualTo(report);
    }

    @Test
    void aRequestComesBackEqual() throws IOException {
        StartRequest request = StartRequest.directory(Path.of("/home/plugins").toAbsolutePath(),
                new PluginSelection(Set.of("a"), Set.of("b"), Set.of("c")),
                new ArchivePolicy(ArchivePolicy.LockMode.ENFORCE, Path.of("/home/config/plugins.lock"),
                        Path.of("/home/config/trust"), true), Duration.ofMillis(1234));

        assertThat(StartProtocol.readRequest(StartProtocol.writeRequest(request))).isEqualTo(request);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "{\"version\": 2, \"plugins\": []}", "{\"version\": 1}",
            "{\"version\": 1, \"version\": 1, \"plugins\": []}",
            "{\"version\": 1, \"plugins\": [{\"path\": \"/x\", \"id\": \"x\", \"version\": \"1\", \"state\": \"STARTED\","
                    + " \"problems\": [{\"code\": \"PB-PLUGIN-999\", \"message\": \"m\"}], \"extensions\": []}]}"})
    void aMalformedReportIsRefused(String text) {
        assertThatThrownBy(() -> StartProtocol.readReport(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
    }
}
