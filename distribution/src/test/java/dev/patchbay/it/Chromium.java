package dev.patchbay.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Debian {@code chromium}, driven through {@code chromedriver}, for every browser test of the module
 * run: {@code @ExtendWith(Chromium.class)} and a {@link WebDriver} parameter. The browser starts with the first test
 * class that asks for it and is closed when the run ends (it lives in the root store). The binaries are taken from
 * {@code /usr/bin} or the system properties {@value #BROWSER_PROPERTY} and {@value #DRIVER_PROPERTY}, never
 * downloaded; when one is missing the tests fail, saying what to install, so that a machine without a browser never
 * passes by skipping them.
 */
final class Chromium implements BeforeAllCallback, ParameterResolver {

    static final String BROWSER_PROPERTY = "patchbay.chromium";
    static final String DRIVER_PROPERTY = "patchbay.chromedriver";
    static final Duration PAGE_LOAD = Duration.ofSeconds(30);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        browser(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WebDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return browser(context);
    }

    private static WebDriver browser(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Browser.class, key -> Browser.start(), Browser.class).driver;
    }

    /**
     * The executable at {@code path}.
     *
     * @throws AssertionError naming the path and the Debian packages to install when it is not there
     */
    static Path executable(Path path, String what) {
        if (!Files.isExecutable(path)) {
            throw new AssertionError(what + " is not installed at " + path + ": the browser tests of the web console "
                    + "need Debian's chromium and chromium-driver; install them with "
                    + "'apt-get install chromium chromium-driver' (.ci/run does so), or point -D" + BROWSER_PROPERTY
                    + " and -D" + DRIVER_PROPERTY + " at a chromium and its chromedriver");
        }
        return path;
    }

    /** The running browser; closing it quits chromium and stops chromedriver. */
    private static final class Browser implements AutoCloseable {

        final WebDriver driver;

        private Browser(WebDriver driver) {
            this.driver = driver;
        }

        static Browser start() {
            Path browser = executable(Path.of(System.getProperty(BROWSER_PROPERTY, "/usr/bin/chromium")), "chromium");
            Path driver = executable(Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver")),
                    "chromedriver");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(browser.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1280,1024", "--no-first-run", "--disable-extensions");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort()
                    .withLogFile(new File("target/chromedriver.log"))
                    .build();
            ChromeDriver started = new ChromeDriver(service, options);
            started.manage().timeouts().pageLoadTimeout(PAGE_LOAD).scriptTimeout(PAGE_LOAD);
            return new Browser(started);
        }

        @Override
        public void close() {
            driver.quit();
        }
    }
}
