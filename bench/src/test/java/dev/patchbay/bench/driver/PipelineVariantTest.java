package dev.patchbay.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineVariantTest {

    @Test
    void aVariantIsNamedAfterItsSettingsAndWritesThemAsPipelineMembers() {
        PipelineVariant variant = PipelineVariant.parse("batchSize=10000,parallelism=2");

        assertThat(variant.settings()).containsExactly(Map.entry("batchSize", "10000"), Map.entry("parallelism", "2"));
        assertThat(variant.name()).isEqualTo("patchbay batchSize=10000 parallelism=2");
        assertThat(variant.fileStem()).isEqualTo("patchbay-batchSize-10000-parallelism-2");
        assertThat(variant.jsonMembers()).isEqualTo(",\n      \"batchSize\": 10000,\n      \"parallelism\": 2");
    }

    @Test
    void aBareNumberIsABatchSizeAsTheFirstVariantsWere() {
        assertThat(PipelineVariant.parse("10000").settings()).containsExactly(Map.entry("batchSize", "10000"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"commitIntervalMillis=0|0", "x=true|true", "x=1.5|1.5", "x=fast|\"fast\"",
            "x=a\"b|\"a\\\"b\""})
    void numbersAndBooleansAreWrittenAsTheyAreAndAnythingElseAsAString(String text, String json) {
        assertThat(PipelineVariant.parse(text).jsonMembers()).endsWith("\": " + json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "batchSize", "batchSize=", "=3", "batch size=3", "batchSize=1,,lingerMillis=2",
            "sink=x", "batchSize=1,batchSize=2"})
    void aMalformedVariantIsRefusedQuotingIt(String text) {
        assertThatThrownBy(() -> PipelineVariant.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }
}
