package dev.patchbay.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.service.HostView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exposition of label values and states on a view made by hand. Pipeline names and plugin ids are validated
 * long before they reach the metrics, and plugin counter names are lowerCamelCase ({@code ExtensionContext.count}
 * refuses anything else), but a plugin's version is whatever its manifest says, so every label value is written
 * escaped and must read back as it was.
 */
class HostMetricsLabelsTest {

    private static PluginInfo plugin(String id, String version, PluginState state) {
        return new PluginInfo(id, version, "", "", "", "*", List.of(), Path.of(id + ".jar"), state,
                List.of(new ExtensionDescriptor(ExtensionKind.SOURCE, "numbers", "", "com.example.Numbers")),
                List.of());
    }

    private static RunSummary.PipelineSummary pipeline(String name, String state, String stage, String plugin,
            Map<String, Long> counters) {
        RunSummary.StageSummary stageSummary = new RunSummary.StageSummary(stage, plugin + "/numbers", plugin, 5, 4,
                1, 2, 3, counters, 0, OptionalDouble.empty());
        return new RunSummary.PipelineSummary(name, state, 10, null, 0, null, 0, null, 0, 0, false, List.of(),
                List.of(), List.of(stageSummary));
    }

    private static HostView view(List<PluginInfo> plugins, RunSummary.PipelineSummary... pipelines) {
        return new HostView(HostView.State.RUNNING, Instant.EPOCH, plugins,
                new RunSummary(List.of(pipelines), null, false));
    }

    private static String scrape(Supplier<HostView> view) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HostMetrics(view, new CallLatencyHistogram()).write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "with \"quotes\"", "back\\slash", "trailing\\", "new\nline", "\r\n\t",
        "processors[0]", "a=b,c}{", "ünïcödé Ωμ", "1.0.0-rc.1+build.7", ""})
    void anyLabelValueIsEscapedAndReadsBackAsItWas(String odd) throws IOException {
        String text = scrape(() -> view(List.of(plugin("gen", odd, PluginState.STARTED)),
                pipeline("p-" + odd, "RUNNING", "stage " + odd, "plugin " + odd, Map.of("commentLines", 7L))));

        PrometheusText parsed = PrometheusText.parse(text);
        assertThat(parsed.value("patchbay_plugin_info", "plugin", "gen", "version", odd)).isEqualTo(1);
        String[] stage = {"pipeline", "p-" + odd, "stage", "stage " + odd, "plugin", "plugin " + odd};
        assertThat(parsed.value("patchbay_stage_records_in_total", stage)).isEqualTo(5);
        assertThat(parsed.value("patchbay_stage_records_out_total", stage)).isEqualTo(4);
        assertThat(parsed.value("patchbay_stage_records_filtered", stage)).isEqualTo(1);
        assertThat(parsed.value("patchbay_stage_records_failed_total", stage)).isEqualTo(2);
        assertThat(parsed.value("patchbay_stage_records_skipped_total", stage)).isEqualTo(3);
        assertThat(parsed.value("patchbay_stage_counter_total", "pipeline", "p-" + odd, "name", "commentLines"))
                .isEqualTo(7);
        assertThat(parsed.value("patchbay_plugin_records_failed_total", "plugin", "gen")).isZero();
    }

    @Test
    void quotesBackslashesAndLineBreaksAreWrittenAsTheFormatsEscapes() throws IOException {
        String text = scrape(() -> view(List.of(plugin("gen", "a\"b\\c\nd", PluginState.STARTED))));

        assertThat(text).contains("patchbay_plugin_info{plugin=\"gen\",version=\"a\\\"b\\\\c\\nd\"} 1");
    }

    @Test
    void aStateTheMetricsDoNotKnowStillHasItsSeriesAndTheKnownOnesAreZero() throws IOException {
        PrometheusText text = PrometheusText.parse(scrape(() -> view(List.of(),
                pipeline("p", "SLEEPING", "source", "gen", Map.of()))));

        assertThat(text.value("patchbay_pipeline_state", "pipeline", "p", "state", "SLEEPING")).isEqualTo(1);
        assertThat(text.find("patchbay_pipeline_state", "pipeline", "p")).filteredOn(s -> s.value() == 1)
                .hasSize(1);
    }

    @Test
    void aPipelineWithoutACheckpointHasNoCheckpointAge() throws IOException {
        PrometheusText text = PrometheusText.parse(scrape(() -> view(List.of(),
                pipeline("p", "RUNNING", "source", "gen", Map.of()))));

        assertThat(text.find("patchbay_pipeline_checkpoint_age_seconds")).isEmpty();
        assertThat(text.value("patchbay_pipeline_state", "pipeline", "p", "state", "RUNNING")).isEqualTo(1);
    }

    @Test
    void aScrapeTakesOneViewOfTheHostForAllItsMetrics() throws IOException {
        AtomicInteger views = new AtomicInteger();
        HostMetrics metrics = new HostMetrics(() -> {
            views.incrementAndGet();
            return view(List.of(plugin("gen", "1.0.0", PluginState.FAILED)),
                    pipeline("p", "FAILED", "source", "gen", Map.of()));
        }, new CallLatencyHistogram());

        metrics.write(new ByteArrayOutputStream());
        metrics.write(new ByteArrayOutputStream());

        assertThat(views).hasValue(2);
    }
}
