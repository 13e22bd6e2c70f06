package dev.patchbay.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToolReportTest {

    @Test
    void readsProducerPerformancesLastSummaryLine() {
        String out = """
                250000 records sent, 49990.0 records/sec (5.20 MB/sec), 300.1 ms avg latency, 900.0 ms max latency.
                1000000 records sent, 61234.5 records/sec (6.43 MB/sec), 412.77 ms avg latency, 1210.00 ms max \
                latency, 380 ms 50th, 900 ms 95th, 1100 ms 99th, 1200 ms 99.9th.
                """;

        ToolReport report = ToolReport.producer(out);

        assertThat(report.records()).isEqualTo(1_000_000);
        assertThat(report.recordsPerSecond()).isEqualTo(61234.5);
        assertThat(report.detail()).isEqualTo("avg latency 412.77 ms, max 1210.00 ms");
    }

    @Test
    void readsConsumerPerformancesColumnsByName() {
        String out = """
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, \
                rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-12-02 07:40:01:000, 2026-12-02 07:40:06:000, 104.9, 20.98, 1000000, 200000.0, 3012, 1988, \
                52.7, 503018.1
                """;

        ToolReport report = ToolReport.consumer(out);

        assertThat(report.records()).isEqualTo(1_000_000);
        assertThat(report.recordsPerSecond()).isEqualTo(200000.0);
        assertThat(report.detail()).isEqualTo("rebalance 3012 ms, fetch 1988 ms, fetch rate 503018 records/s");
    }

    @Test
    void outputWithoutASummaryIsAnErrorQuotingIt() {
        assertThatThrownBy(() -> ToolReport.producer("WARN cannot connect"))
                .hasMessageContaining("ProducerPerformance printed no summary line").hasMessageContaining(
                        "WARN cannot connect");
        assertThatThrownBy(() -> ToolReport.consumer("nothing"))
                .hasMessageContaining("ConsumerPerformance printed no 'start.time, ...' header");
    }

    @Test
    void aMissingColumnIsNamed() {
        assertThatThrownBy(() -> ToolReport.consumer("start.time, nMsg.sec\nx, 1.0\n"))
                .hasMessageContaining("no column 'rebalance.time.ms'");
    }
}
