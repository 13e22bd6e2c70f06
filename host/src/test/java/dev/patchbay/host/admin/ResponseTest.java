package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A response's extra headers: kept immutable, and no header can split the answer or contradict its body. */
class ResponseTest {

    @Test
    void withHeaderReturnsANewResponseAndLeavesTheOriginalAlone() {
        Response plain = new Response(200, "text/plain", "hi".getBytes(StandardCharsets.UTF_8));

        Response headed = plain.withHeader("Content-Security-Policy", "default-src 'self'");

        assertThat(plain.headers()).isEmpty();
        assertThat(headed.headers()).containsExactly(Map.entry("Content-Security-Policy", "default-src 'self'"));
        assertThat(headed.status()).isEqualTo(200);
        assertThat(headed.body()).isEqualTo(plain.body());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "X Bad| value| a header name",
        "''| value| a header name",
        "Content-Type| text/html| set by the response's content type",
        "content-length| 3| set by the response's content type",
        "X-Split| a\\rb| CR, LF or another control character",
        "X-Split| a\\nSet-Cookie: x| CR, LF or another control character"})
    void aHeaderThatCouldSplitOrContradictTheAnswerIsRefused(String name, String value, String why) {
        Response plain = new Response(200, "text/plain", new byte[0]);

        assertThatThrownBy(() -> plain.withHeader(name, value.replace("\\r", "\r").replace("\\n", "\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why)
                .hasMessageContaining("'" + name + "'");
    }
}
