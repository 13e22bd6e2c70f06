package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.pipeline.PipelineRuntime;
import dev.patchbay.host.service.Host;
import dev.patchbay.host.testing.HostHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /openapi.json} against the real route list of {@link HostRoutes}: every route is documented with its
 * method and path parameters, every documented operation is a route (or is marked as served by an adapter beside
 * them), writes declare the bearer security, and every error answer is the one error schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

    private Host host;
    private List<Route> routes;
    private JsonNode document;

    @BeforeAll
    void open(@TempDir Path dir) throws Exception {
        HostHome home = new HostHome(dir);
        host = home.open(home.config("", HostHome.pipeline("once", "count", "", "")), PipelineRuntime.Mode.SERVE);
        routes = HostRoutes.of(host, List.of());
        Route route = routes.stream().filter(r -> r.method().equals("GET")
                && r.pattern().toString().equals("/openapi.json")).findFirst()
                .orElseThrow(() -> new AssertionError("HostRoutes has no GET /openapi.json"));
        Response response = route.handler().handle(new Request("GET", "/openapi.json", Map.of(), Map.of(), Map.of(),
                new byte[0]));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(AdminJson.CONTENT_TYPE);
        document = JSON.readTree(response.body());
    }

    @AfterAll
    void close() throws Exception {
        host.close();
    }

    @Test
    void itIsAnOpenApi3DocumentWithTheBearerScheme() {
        assertThat(document.path("openapi").asText()).startsWith("3.0.");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
        JsonNode bearer = document.path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void everyRouteIsDocumentedWithItsMethodAndItsPathParameters() {
        for (Route route : routes) {
            String what = route.method() + " " + route.pattern();
            JsonNode operation = document.path("paths").path(route.pattern().toString())
                    .path(route.method().toLowerCase(Locale.ROOT));
            assertThat(operation.isObject()).as(what + " is documented").isTrue();
            List<String> documented = new ArrayList<>();
            operation.path("parameters").forEach(p -> {
                if (p.path("in").asText().equals("path")) {
                    assertThat(p.path("required").asBoolean()).as(what + " " + p.path("name")).isTrue();
                    documented.add(p.path("name").asText());
                }
            });
            assertThat(documented).as(what + " path parameters").isEqualTo(route.pattern().parameters());
        }
    }

    @Test
    void everyDocumentedOperationIsARouteOrIsMarkedAsServedByAnAdapter() {
        Set<String> real = new TreeSet<>();
        routes.forEach(r -> real.add(r.method() + " " + r.pattern()));
        Set<String> adapters = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            assertThat(METHODS).as(path.getKey() + " " + op.getKey()).contains(op.getKey());
            String what = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            if (op.getValue().has("x-patchbay-adapter")) {
                adapters.add(what);
            } else {
                assertThat(real).as("the documented " + what + " is a route").contains(what);
            }
        }));
        assertThat(adapters).as("only /metrics is served beside the host's routes").containsExactly("GET /metrics");
    }

    @Test
    void writesNeedTheBearerTokenAndReadsMayGoWithout() {
        for (Route route : routes) {
            String what = route.method() + " " + route.pattern();
            JsonNode operation = document.path("paths").path(route.pattern().toString())
                    .path(route.method().toLowerCase(Locale.ROOT));
            List<String> alternatives = new ArrayList<>();
            operation.path("security").forEach(requirement -> alternatives.add(
                    requirement.isEmpty() ? "none" : String.join("+", iterable(requirement.fieldNames()))));
            if (route.write()) {
                assertThat(alternatives).as(what).containsExactly("bearer");
                assertThat(operation.path("responses").has("401")).as(what + " documents 401").isTrue();
                assertThat(operation.path("responses").has("400")).as(what + " documents 400").isTrue();
                assertThat(operation.path("responses").has("413")).as(what + " documents 413").isTrue();
            } else {
                // Loopback reads need no token; any other address needs it for reads too.
                assertThat(alternatives).as(what).containsExactlyInAnyOrder("none", "bearer");
            }
        }
    }

    @Test
    void everyErrorAnswerIsTheErrorSchemaAndEveryReferenceResolves() {
        JsonNode components = document.path("components");
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                op.getValue().path("responses").properties().forEach(answer -> {
                    if (Integer.parseInt(answer.getKey()) >= 400 && !answer.getKey().equals("503")) {
                        JsonNode response = resolve(answer.getValue());
                        assertThat(response.path("content").path("application/json").path("schema").path("$ref")
                                .asText()).as(op.getKey() + " " + path.getKey() + " " + answer.getKey())
                                .isEqualTo("#/components/schemas/Error");
                    }
                })));
        Map<String, Integer> unresolved = new HashMap<>();
        collectRefs(document, unresolved);
        assertThat(unresolved).as("references to nothing").isEmpty();
        assertThat(components.path("schemas").path("Error").path("required"))
                .extracting(JsonNode::asText).containsExactly("status", "error", "message", "closeMatches");
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }

    private void collectRefs(JsonNode node, Map<String, Integer> unresolved) {
        if (node.has("$ref") && document.at(node.get("$ref").asText().substring(1)).isMissingNode()) {
            unresolved.merge(node.get("$ref").asText(), 1, Integer::sum);
        }
        node.elements().forEachRemaining(child -> collectRefs(child, unresolved));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
