package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.config.AdminSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The web console's files over a real admin server: served from the jar, self-contained, nothing else reachable. */
class ConsoleRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final List<String> FILES = List.of("index.html", "console.js", "console.css");

    @TempDir
    Path home;

    private AdminToken token;
    private AdminServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(DEADLINE).build();

    @BeforeEach
    void start() throws IOException {
        Path state = home.resolve("state");
        AdminSettings settings = new AdminSettings("127.0.0.1", 0, state.resolve("admin.token"));
        token = AdminToken.loadOrCreate(settings.tokenFile(), new SecureRandom());
        server = AdminServer.start(settings, state, token, ConsoleRoutes.routes(),
                new AdminLimits(4, 16, Duration.ZERO));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/, index.html, text/html; charset=utf-8",
        "/console/console.js, console.js, text/javascript; charset=utf-8",
        "/console/console.css, console.css, text/css; charset=utf-8"})
    void eachFileIsServedFromTheJarWithoutATokenOnLoopbackAndUnderTheContentSecurityPolicy(String path,
            String file, String contentType) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
        assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
                .startsWith("default-src 'self'").doesNotContain("unsafe");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.body()).isEqualTo(resource(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/nosuch.js", "/console/", "/console", "/index.html", "/console/console.js.map",
        "/console/index.html"})
    void anUnknownConsoleFileIsA404InJson(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("message").asText()).contains("'" + path + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/../state/admin.token", "/console/%2e%2e/state/admin.token",
        "/console/..%2Fstate%2Fadmin.token", "/../state/admin.token", "/console/%2Fetc%2Fpasswd"})
    void noPathReachesAFileOutsideTheFixedList(String path) throws Exception {
        try (RawHttp raw = new RawHttp(server.port(), DEADLINE)) {
            String answer = raw.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .readUntilClosed();

            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"status\":400")
                    .doesNotContain(token.value());
        }
    }

    @Test
    void theConsoleIsReadOnly() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/")).timeout(DEADLINE)
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token.value())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void thePageLoadsOnlyTheConsolesOwnFiles() throws Exception {
        String page = resource("index.html");
        Matcher references = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(page);
        Set<String> referenced = references.results().map(m -> m.group(1)).collect(Collectors.toSet());

        assertThat(referenced).containsExactlyInAnyOrder("/console/console.js", "/console/console.css");
        for (String file : FILES) {
            assertThat(resource(file)).as(file).doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:")
                    .doesNotContain("@import").doesNotContain("url(");
        }
        assertThat(page).as("no inline script or style, which the policy would block")
                .doesNotContain("<style").doesNotContain(" style=").doesNotContain("onclick")
                .doesNotContainPattern("<script>");
    }

    @Test
    void theScriptNeverTurnsDataIntoMarkup() throws Exception {
        String script = resource("console.js");

        assertThat(script).doesNotContain("innerHTML").doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(")
                .doesNotContain("new Function").doesNotContain("window.prompt").contains("textContent")
                .contains("sessionStorage");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(DEADLINE).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = ConsoleRoutesTest.class.getResourceAsStream("console/" + file)) {
            assertThat(in).as("resource dev/patchbay/host/admin/console/" + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
