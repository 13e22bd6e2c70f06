package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus, sent over real sockets to one server: malformed JSON, wrong methods, traversal and odd
 * characters in ids, oversized bodies, missing, wrong and almost-right tokens. Each is refused with the right status
 * and, where the admin layer answers, a JSON error; after each the server still answers. Slow clients are in
 * {@link AdminSlowClientTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAUSE = "POST /pipelines/demo/pause HTTP/1.1\r\nHost: x\r\n";
    private static final String TOKEN = "{token}";

    private TestAdmin admin;

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        admin = new TestAdmin(home);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            assertThat(admin.get("/health").statusCode()).as("the server still answers after the corpus")
                    .isEqualTo(200);
        } finally {
            admin.close();
        }
    }

    static Stream<Arguments> corpus() {
        String auth = "Authorization: Bearer " + TOKEN + "\r\n";
        return Stream.of(
                // Malformed JSON on a route that takes an optional JSON object.
                raw("unclosed object", PAUSE + auth + body("{"), 400),
                raw("two values", PAUSE + auth + body("{\"a\": 1}{\"b\": 2}"), 400),
                raw("an array", PAUSE + auth + body("[1, 2]"), 400),
                raw("a string", PAUSE + auth + body("\"text\""), 400),
                raw("null", PAUSE + auth + body("null"), 400),
                raw("duplicate keys", PAUSE + auth + body("{\"a\": 1, \"a\": 2}"), 400),
                raw("not UTF-8", PAUSE + auth + body("{\"a\": \"\u00ff\u00fe\"}"), 400),
                raw("trailing comma", PAUSE + auth + body("{\"a\": 1,}"), 400),
                raw("the good body", PAUSE + auth + body("{\"a\": 1}"), 200),
                // Wrong methods.
                raw("PUT on a read", "PUT /health HTTP/1.1\r\nHost: x\r\n" + body(""), 405),
                raw("DELETE on a read", "DELETE /pipelines/demo HTTP/1.1\r\nHost: x\r\n\r\n", 405),
                raw("GET on a write", "GET /pipelines/demo/pause HTTP/1.1\r\nHost: x\r\n\r\n", 405),
                raw("OPTIONS", "OPTIONS /health HTTP/1.1\r\nHost: x\r\n\r\n", 405),
                raw("an unknown method", "BREW /health HTTP/1.1\r\nHost: x\r\n\r\n", 405),
                status("HEAD, answered without a body", "HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n", 405),
                // Traversal and odd characters in ids.
                raw("dot dot", get("/pipelines/.."), 400),
                raw("dot", get("/pipelines/."), 400),
                raw("dot dot up to another route", get("/pipelines/../health"), 400),
                raw("dot dot from the root", get("/../health"), 400),
                raw("deep traversal", get("/pipelines/../../etc/passwd"), 400),
                raw("encoded dot dot", get("/pipelines/%2e%2e"), 400),
                raw("encoded slash", get("/pipelines/a%2Fb"), 400),
                raw("encoded traversal", get("/pipelines/..%2Fhealth"), 400),
                raw("encoded NUL", get("/pipelines/a%00b"), 400),
                raw("encoded emoji", get("/pipelines/%F0%9F%98%80"), 400),
                raw("raw UTF-8", get("/pipelines/d\u00c3\u00a9mo"), 400),
                raw("encoded space", get("/pipelines/demo%20"), 400),
                raw("semicolon", get("/health;x=1"), 400),
                raw("200-character id", get("/pipelines/" + "a".repeat(200)), 400),
                raw("128-character id, unknown", get("/pipelines/" + "a".repeat(128)), 404),
                raw("empty segment", get("/pipelines//demo"), 404),
                raw("trailing slash", get("/pipelines/demo/"), 404),
                status("bad percent-encoding, refused by the JDK's URI parser", get("/pipelines/demo?verbose=%zz"),
                        400),
                raw("unknown path", get("/secrets"), 404),
                // Oversized bodies.
                raw("Content-Length over 64 KiB", PAUSE + auth + "Content-Length: 65537\r\n\r\n", 413),
                raw("Content-Length huge", PAUSE + auth + "Content-Length: 99999999999999\r\n\r\n", 413),
                raw("exactly 64 KiB", PAUSE + auth + body(" ".repeat(65_536)), 200),
                raw("chunked over 64 KiB", PAUSE + auth + chunked(70_000), 413),
                raw("chunked exactly 64 KiB", PAUSE + auth + chunked(65_536), 200),
                // Missing, wrong and almost-right tokens on a write.
                raw("no token", PAUSE + body(""), 401),
                raw("the token", PAUSE + auth + body(""), 200),
                raw("lower-case scheme", PAUSE + "Authorization: bearer " + TOKEN + "\r\n" + body(""), 200),
                raw("a prefix", PAUSE + "Authorization: Bearer {prefix}\r\n" + body(""), 401),
                raw("one character off", PAUSE + "Authorization: Bearer {off}\r\n" + body(""), 401),
                raw("one character more", PAUSE + "Authorization: Bearer " + TOKEN + "x\r\n" + body(""), 401),
                raw("upper-cased token", PAUSE + "Authorization: Bearer {upper}\r\n" + body(""), 401),
                raw("no scheme", PAUSE + "Authorization: " + TOKEN + "\r\n" + body(""), 401),
                raw("Basic scheme", PAUSE + "Authorization: Basic " + TOKEN + "\r\n" + body(""), 401),
                raw("two headers", PAUSE + auth + "Authorization: Bearer wrong\r\n" + body(""), 401),
                raw("token in the query", "POST /pipelines/demo/pause?token=" + TOKEN + " HTTP/1.1\r\nHost: x\r\n"
                        + body(""), 401),
                raw("empty bearer", PAUSE + "Authorization: Bearer \r\n" + body(""), 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInputIsRefusedAndTheServerStaysUp(String name, String request, int status, boolean json)
            throws Exception {
        String answer;
        try (RawHttp client = new RawHttp(admin.server.port(), TestAdmin.DEADLINE)) {
            answer = client.send(withToken(request).getBytes(StandardCharsets.ISO_8859_1)).readAnswer();
        }

        // The JDK server writes header names in its own case (Www-authenticate).
        String lower = answer.toLowerCase(java.util.Locale.ROOT);
        assertThat(lower).as(name).startsWith("http/1.1 " + status + " ");
        if (json && status != 200) {
            assertThat(lower).contains("content-type: application/json; charset=utf-8");
            JsonNode error = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(error.get("status").asInt()).isEqualTo(status);
            assertThat(error.get("message").asText()).isNotBlank();
            assertThat(error.get("closeMatches").isArray()).isTrue();
        }
        if (status == 401) {
            assertThat(lower).contains("www-authenticate: bearer");
        }
        if (status == 405) {
            assertThat(lower).containsPattern("allow: (get|post)");
        }
        assertThat(admin.get("/health").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "chunked={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void anOversizedBodyFromHttpClientIs413(boolean chunked) throws Exception {
        byte[] body = new byte[100_000];
        Arrays.fill(body, (byte) ' ');
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest request = HttpRequest.newBuilder(admin.uri("/pipelines/demo/pause")).timeout(Duration.ofSeconds(10))
                .header("Authorization", admin.bearer()).POST(publisher).build();

        HttpResponse<String> response = admin.http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("message").asText()).contains("at most 65536 bytes");
        assertThat(admin.get("/health").statusCode()).isEqualTo(200);
    }

    private String withToken(String request) {
        String token = admin.token.value();
        char last = token.charAt(token.length() - 1);
        return request.replace("{prefix}", token.substring(0, token.length() - 1))
                .replace("{off}", token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'))
                .replace("{upper}", token.toUpperCase(java.util.Locale.ROOT).equals(token)
                        ? token.toLowerCase(java.util.Locale.ROOT) : token.toUpperCase(java.util.Locale.ROOT))
                .replace(TOKEN, token);
    }

    private static Arguments raw(String name, String request, int status) {
        return Arguments.of(name, request, status, true);
    }

    private static Arguments status(String name, String request, int status) {
        return Arguments.of(name, request, status, false);
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    }

    /** The rest of the headers and a body with its Content-Length; characters stand for the ISO-8859-1 bytes. */
    private static String body(String text) {
        return "Content-Length: " + text.length() + "\r\n\r\n" + text;
    }

    private static String chunked(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "Transfer-Encoding: chunked\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        int left = size;
        while (left > 0) {
            int chunk = Math.min(8192, left);
            out.writeBytes((Integer.toHexString(chunk) + "\r\n" + " ".repeat(chunk) + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            left -= chunk;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
