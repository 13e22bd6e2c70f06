package dev.patchbay.host.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Routing: parameters, 400 for malformed paths and ids, 404 for unknown paths, 405 with the allowed methods. */
class RouterTest {

    private static final RouteHandler NOTHING = request -> Response.json(Map.of());

    private final Router router = new Router(List.of(
            Route.read("/health", NOTHING),
            Route.read("/pipelines", NOTHING),
            Route.read("/pipelines/{name}", NOTHING),
            Route.write("/pipelines/{name}/pause", NOTHING),
            Route.of("DELETE", "/pipelines/{name}", NOTHING, true),
            Route.read("/", NOTHING)));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET  | /health                   | /health                 | ''",
        "GET  | /                         | /                       | ''",
        "GET  | /pipelines/demo           | /pipelines/{name}       | name=demo",
        "POST | /pipelines/a.b_c-D9/pause | /pipelines/{name}/pause | name=a.b_c-D9",
        "DELETE | /pipelines/x            | /pipelines/{name}       | name=x",
    })
    void aKnownPathFindsItsRouteAndParameters(String method, String path, String pattern, String parameters) {
        Router.Resolution resolution = router.resolve(method, path);

        assertThat(resolution.route()).get().extracting(r -> r.pattern().toString()).isEqualTo(pattern);
        assertThat(resolution.parameters()).isEqualTo(parameters.isEmpty() ? Map.of()
                : Map.of(parameters.split("=")[0], parameters.split("=")[1]));
    }

    @Test
    void aKnownPathWithAnotherMethodListsTheAllowedOnes() {
        Router.Resolution resolution = router.resolve("PUT", "/pipelines/demo");

        assertThat(resolution.route()).isEmpty();
        assertThat(resolution.allowed()).containsExactly("GET", "DELETE");
        assertThat(router.resolve("GET", "/pipelines/demo/pause").allowed()).containsExactly("POST");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/nothing                        | 404 | no admin endpoint '/nothing'",
        "/health/                        | 404 | no admin endpoint",
        "/pipelines/demo/pause/now       | 404 | no admin endpoint",
        "//health                        | 404 | no admin endpoint",
        "/pipelines/..                   | 400 | '..' segment",
        "/pipelines/.                    | 400 | '.' segment",
        "/pipelines/../health            | 400 | '..' segment",
        "/pipelines/%2e%2e               | 400 | percent-encoded",
        "/pipelines/a%2Fb                | 400 | percent-encoded",
        "/pipelines/a%00b                | 400 | percent-encoded",
        "/pipelines/d\u00e9mo            | 400 | outside A-Z",
        "/pipelines/a b                  | 400 | outside A-Z",
        "/pipelines/a:b                  | 400 | outside A-Z",
        "/pipelines/a~b                  | 400 | the name 'a~b' in /pipelines/{name} is not valid",
        "health                          | 400 | does not start with '/'",
    })
    void aBadOrUnknownPathIsRefusedBeforeAnyHandler(String path, int status, String message) {
        AdminException e = catchThrowableOfType(AdminException.class, () -> router.resolve("GET", path));

        assertThat(e).as(path).isNotNull();
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void anIdOfMoreThan128CharactersIsRefusedAndQuotedShortened() {
        String id = "a".repeat(129);

        AdminException e = catchThrowableOfType(AdminException.class, () -> router.resolve("GET", "/pipelines/" + id));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("'" + "a".repeat(64) + "... (129 characters)'").doesNotContain(id);
        assertThat(router.resolve("GET", "/pipelines/" + "a".repeat(128)).route()).isPresent();
    }

    @Test
    void twoRoutesForOneMethodAndPatternAreAMistake() {
        assertThatThrownBy(() -> new Router(List.of(Route.read("/a", NOTHING), Route.read("/a", NOTHING))))
                .hasMessageContaining("GET /a");
    }

    @ParameterizedTest
    @CsvSource({"pipelines", "/a//b", "/a/{b c}", "/a/%2F", "/a/"})
    void aMalformedPatternIsRefused(String pattern) {
        assertThatThrownBy(() -> PathPattern.of(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pattern);
    }
}
