package dev.patchbay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RejectionTest {

    @Test
    void holdsReasonLocationAndInputWhichMayBeEmpty() {
        Rejection rejection = new Rejection("expected 4 fields but found 3", "zone.tab line 12", "");

        assertThat(rejection.reason()).isEqualTo("expected 4 fields but found 3");
        assertThat(rejection.location()).isEqualTo("zone.tab line 12");
        assertThat(rejection.input()).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "\t"})
    void refusesABlankReason(String reason) {
        assertThatThrownBy(() -> new Rejection(reason, "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rejection needs a reason; say why the input was skipped");
    }

    @Test
    void refusesNullPartsNamingThem() {
        assertThatThrownBy(() -> new Rejection(null, "", "")).hasMessage("reason");
        assertThatThrownBy(() -> new Rejection("r", null, "")).hasMessage("location");
        assertThatThrownBy(() -> new Rejection("r", "", null)).hasMessage("input");
    }

    @Test
    void anEmitterThatKeepsNoAccountIgnoresRejectionsButNotNulls() {
        List<Row> rows = new ArrayList<>();
        Emitter lambda = rows::add;

        lambda.reject(new Rejection("bad", "", "x"));

        assertThat(rows).isEmpty();
        assertThatThrownBy(() -> lambda.reject(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("rejection");
    }
}
