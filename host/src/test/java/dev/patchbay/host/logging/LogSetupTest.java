package dev.patchbay.host.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogSetupTest {

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final Logger log = LoggerFactory.getLogger("plugin.files");

    @AfterEach
    void restoreDefaults() {
        MDC.clear();
        new LogSetup().configure(LogFormat.TEXT, "WARN", System.err);
    }

    private List<String> lines() {
        return sink.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void textLinesCarryThePluginAndStageFromTheMdc() {
        new LogSetup().configure(LogFormat.TEXT, "INFO", sink);

        MDC.put("plugin", "files");
        MDC.put("stage", "demo.source");
        MDC.put("pipeline", "demo");
        log.info("read {} records", 3);
        MDC.remove("plugin");
        MDC.remove("stage");
        log.info("between calls");
        MDC.clear();
        log.info("host line");

        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[.+\\] "
                + "plugin\\.files \\[pipeline=demo\\] \\[plugin=files\\] \\[stage=demo\\.source\\] - read 3 records");
        assertThat(lines().get(1)).endsWith("plugin.files [pipeline=demo] - between calls");
        assertThat(lines().get(2)).endsWith("plugin.files - host line").doesNotContain("plugin=");
    }

    @Test
    void textLinesCarryThePipelineFromTheMdcBeforeThePluginAndStage() {
        new LogSetup().configure(LogFormat.TEXT, "INFO", sink);

        MDC.put("pipeline", "demo");
        log.info("starting");
        MDC.put("plugin", "files");
        MDC.put("stage", "demo/source");
        log.info("read {} records", 3);
        MDC.clear();

        assertThat(lines().get(0)).endsWith("plugin.files [pipeline=demo] - starting");
        assertThat(lines().get(1)).endsWith("plugin.files [pipeline=demo] [plugin=files] [stage=demo/source] - read 3 "
                + "records");
    }

    @Test
    void jsonLinesAreOneObjectEachWithMdcLevelLoggerAndMessage() throws Exception {
        new LogSetup().configure(LogFormat.JSON, "debug", sink);

        MDC.put("plugin", "files");
        MDC.put("stage", "demo.sink");
        log.debug("wrote {} records", 2);
        log.error("boom", new IllegalStateException("bad"));

        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = lines().stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return mapper.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        assertThat(events).hasSize(2);
        JsonNode first = events.get(0);
        assertThat(first.get("level").asText()).isEqualTo("DEBUG");
        assertThat(first.get("loggerName").asText()).isEqualTo("plugin.files");
        assertThat(first.get("formattedMessage").asText()).isEqualTo("wrote 2 records");
        assertThat(first.get("mdc").get("plugin").asText()).isEqualTo("files");
        assertThat(first.get("mdc").get("stage").asText()).isEqualTo("demo.sink");
        assertThat(first.has("timestamp")).isTrue();
        assertThat(events.get(1).get("throwable").get("message").asText()).isEqualTo("bad");
    }

    @Test
    void theLevelFiltersLines() {
        new LogSetup().configure(LogFormat.TEXT, "WARN", sink);

        log.info("hidden");
        log.warn("shown");

        assertThat(lines()).singleElement().asString().endsWith("shown");
    }

    @Test
    void pf4jInfoLinesAppearOnlyAtDebug() {
        Logger pf4j = LoggerFactory.getLogger("org.pf4j.AbstractPluginManager");
        new LogSetup().configure(LogFormat.TEXT, "INFO", sink);
        pf4j.info("Start plugin 'a@1.0.0'");
        pf4j.warn("pf4j warning");
        new LogSetup().configure(LogFormat.TEXT, "DEBUG", sink);
        pf4j.info("Stop plugin 'a@1.0.0'");

        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).endsWith("pf4j warning");
        assertThat(lines().get(1)).endsWith("Stop plugin 'a@1.0.0'");
    }

    @Test
    void anUnknownLevelIsRejectedWithTheValidNames() {
        assertThatThrownBy(() -> new LogSetup().configure(LogFormat.TEXT, "LOUD", sink))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log level 'LOUD' is not valid; use TRACE, DEBUG, INFO, WARN, ERROR or OFF");
    }
}
