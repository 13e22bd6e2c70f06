package dev.patchbay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser against {@code dist/bin/patchbay serve}: it shows the plugins and pipelines,
 * asks for the token in its own form, pauses and resumes a pipeline, asks again after a 401, shows a 409's message,
 * computes live rates, loads nothing from elsewhere, and the host still stops cleanly on SIGTERM.
 */
@ExtendWith(Chromium.class)
class ConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int FIRST_LINES = 50;
    private static final int MORE_LINES = 2_000;

    @TempDir
    Path temp;

    @Test
    void theConsoleShowsTheHostAndPausesAndResumesAPipeline(WebDriver browser) throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        Path input = patchbay.home().resolve("data/events.txt");
        append(input, 0, FIRST_LINES);
        Files.writeString(patchbay.home().resolve("data/once.txt"), "a\nb\nc\n");
        patchbay.config(config(patchbay.distPlugins(), """
                "tail": {
                  "source": { "use": "files/text-source", "settings": { "path": "data/events.txt", "follow": true } },
                  "sink": { "use": "files/text-sink", "settings": { "path": "out/tail.txt" } }
                },
                "once": {
                  "source": { "use": "files/text-source", "settings": { "path": "data/once.txt" } },
                  "sink": { "use": "files/text-sink", "settings": { "path": "out/once.txt" } }
                }
                """));
        Patchbay.Started serve = serve(patchbay);
        String base = base(patchbay);
        String token = Files.readString(patchbay.home().resolve("state/admin.token")).trim();
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(100));

        open(browser, base);

        wait.until(ExpectedConditions.titleIs("Patchbay console"));
        awaitState(wait, browser, "tail", "RUNNING");
        awaitState(wait, browser, "once", "COMPLETED");
        WebElement files = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#plugins tr[data-plugin='files']")));
        assertThat(files.getText()).contains("1.1.0").contains("STARTED");
        assertThat(browser.findElement(By.id("token-form")).isDisplayed()).as("the token is asked for").isTrue();

        enterToken(browser, "not-the-token");
        click(browser, "tail", "pause");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("token-reason"), "401"));
        assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isTrue();
        assertThat(script(browser, "return sessionStorage.getItem('patchbay.adminToken')"))
                .as("a refused token is forgotten").isNull();

        enterToken(browser, token);
        awaitState(wait, browser, "tail", "PAUSED");
        assertThat(hostState(base, "tail")).isEqualTo("PAUSED");
        assertThat(script(browser, "return sessionStorage.getItem('patchbay.adminToken')")).isEqualTo(token);
        assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isFalse();

        click(browser, "tail", "pause");
        String conflict = JSON.readTree(post(base, "/pipelines/tail/pause", token).body()).get("message").asText();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), conflict));
        assertThat(browser.findElement(By.id("message")).getAttribute("class")).contains("error");

        click(browser, "tail", "resume");
        awaitState(wait, browser, "tail", "RUNNING");
        append(input, FIRST_LINES, MORE_LINES);
        wait.until(d -> rate(d, "tail") > 0);
        wait.until(ExpectedConditions.textToBe(By.cssSelector(
                "[data-pipeline='tail'] .stages tbody tr:last-child td:nth-child(4)"),
                Integer.toString(FIRST_LINES + MORE_LINES)));
        assertThat(browser.findElement(By.cssSelector("[data-pipeline='tail'] .stages tbody tr:last-child td.version"))
                .getText()).as("the sink's plugin version").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(browser.findElement(By.cssSelector("[data-pipeline='tail'] .facts")).getText())
                .contains("Restarts").contains("Uncommitted records").contains("Checkpoint age")
                .contains("Last failure").contains("Waiting for").contains("Last swap");

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) script(browser,
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded).isNotEmpty().allMatch(url -> url.startsWith(base + "/"));
        Path screenshot = Path.of("target/console.png");
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isPositive();

        serve.sigterm();
        Patchbay.Result result = serve.await(60);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void hostTextReachesThePageAsTextNeverAsMarkup(WebDriver browser) throws Exception {
        Patchbay patchbay = new Patchbay(temp);
        patchbay.config(config(patchbay.distPlugins(), """
                "broken": {
                  "source": { "use": "files/text-source",
                              "settings": { "path": "data/<b id=\\"injected\\">x</b>.txt" } },
                  "sink": { "use": "files/text-sink", "settings": { "path": "out/broken.txt" } }
                }
                """));
        Patchbay.Started serve = serve(patchbay);
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(100));

        open(browser, base(patchbay));

        awaitState(wait, browser, "broken", "FAILED");
        WebElement failure = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-pipeline='broken'] dd.failure.present")));
        assertThat(failure.getText()).contains("<b id=\"injected\">x</b>.txt").contains("pipeline 'broken'");
        assertThat(browser.findElements(By.id("injected"))).as("the path's markup was not parsed").isEmpty();

        serve.sigterm();
        serve.await(60);
    }

    private static String config(Path plugins, String pipelines) {
        return """
                {
                  "plugins": { "directory": "%s" },
                  "pipelines": { %s }
                }
                """.formatted(plugins.toString().replace("\\", "\\\\"), pipelines);
    }

    /** {@code serve} on a free port, once it has written {@code state/admin.port}. */
    private static Patchbay.Started serve(Patchbay patchbay) throws IOException, InterruptedException {
        Patchbay.Started serve = patchbay.start(Map.of("PATCHBAY_ADMIN_PORT", "0"), "serve");
        Path portFile = patchbay.home().resolve("state/admin.port");
        assertThat(serve.awaitSize(portFile, 2, 60)).as("serve ended before it wrote %s", portFile).isTrue();
        return serve;
    }

    private static String base(Patchbay patchbay) throws IOException {
        return "http://127.0.0.1:" + Files.readString(patchbay.home().resolve("state/admin.port")).trim();
    }

    /** Opens the console as a new visitor: the browser is shared, so the token of an earlier test is dropped. */
    private static void open(WebDriver browser, String base) {
        browser.get(base + "/");
        script(browser, "sessionStorage.clear()");
        browser.navigate().refresh();
    }

    private static void append(Path file, int from, int count) throws IOException {
        String lines = IntStream.range(from, from + count).mapToObj(i -> "event " + i + "\n")
                .collect(Collectors.joining());
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void enterToken(WebDriver browser, String token) {
        WebElement input = browser.findElement(By.id("token-input"));
        input.clear();
        input.sendKeys(token);
        browser.findElement(By.id("token-submit")).click();
    }

    private static void click(WebDriver browser, String pipeline, String action) {
        browser.findElement(By.cssSelector("[data-pipeline='" + pipeline + "'] button[data-action='" + action + "']"))
                .click();
    }

    private static void awaitState(WebDriverWait wait, WebDriver browser, String pipeline, String state) {
        wait.withMessage(() -> "pipeline '" + pipeline + "' to show " + state + " in the console")
                .until(ExpectedConditions.textToBe(By.cssSelector("[data-pipeline='" + pipeline + "'] .state"),
                        state));
    }

    /** The records per second the console shows for the pipeline's sink, 0 when it shows none yet. */
    private static double rate(WebDriver browser, String pipeline) {
        String text = browser.findElement(By.cssSelector("[data-pipeline='" + pipeline + "'] .rate")).getText();
        String number = text.replace(" records/s", "").trim();
        return number.matches("[0-9]+(\\.[0-9]+)?") ? Double.parseDouble(number) : 0;
    }

    private static Object script(WebDriver browser, String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private static String hostState(String base, String pipeline) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/pipelines/" + pipeline)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("state").asText();
    }

    private static HttpResponse<String> post(String base, String path, String token)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
