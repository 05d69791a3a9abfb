package org.sdgsearch.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sdgsearch.index.Fixtures;
import org.sdgsearch.index.IndexedDocument;

/**
 * Headless Debian chromium for the browser tests. The driver path is given explicitly (so Selenium Manager never
 * downloads anything) and every run gets a fresh profile directory; tests are skipped where chromium is absent.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("webdriver.chrome.binary", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");

    /** An XSS fixture with a hexadecimal id, so that the document view can open it. */
    static final String XSS_ID = "ee5501";

    final WebDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(WebDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    /** Starts chromium, or skips the calling test when it is not installed. */
    static Browser start() {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)), "chromium not installed at " + CHROMIUM);
        assumeTrue(Files.isExecutable(Path.of(DRIVER)), "chromedriver not installed at " + DRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("sdgsearch-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Without the background-networking flags chromium keeps trying to reach Google's hosts, which this
        // machine's closed network refuses.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-GB",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, service, profile);
    }

    /**
     * Writes the shared test fixtures plus a hex-id XSS document into the app's index (idempotent: by id), after the
     * start-up crawl (if any) is over, so that counts do not change under the browser's feet.
     */
    static void index(Engine engine) {
        try {
            engine.jobs().awaitIdle(Duration.ofMinutes(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        fixtures().forEach(engine.index()::put);
        engine.index().commit();
        engine.index().refresh();
    }

    /** Takes the fixtures out again, so that test classes running later in the same application see its own index. */
    static void unindex(Engine engine) {
        fixtures().forEach(d -> engine.index().delete(d.id()));
        engine.index().commit();
        engine.index().refresh();
    }

    private static List<IndexedDocument> fixtures() {
        List<IndexedDocument> docs = new ArrayList<>(Fixtures.corpus());
        docs.add(Fixtures.doc(XSS_ID, "swa", "KE", "<script>window.__xss=1</script>Chlorination guide",
                "Chlorination of water points <img src=x onerror=window.__xss=1> keeps water safe. "
                        + "<script>window.__xss=1</script>", "en", "web", 2024, 6));
        return docs;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(40)).until(condition);
    }

    /** Whether any XSS payload ran in the page. */
    boolean xssRan() {
        return !"undefined".equals(js("return typeof window.__xss"));
    }

    /**
     * axe-core's serious and critical violations on the page (within {@code context}), or null when axe-core is not
     * installed: it comes from the npm registry (`npm ci` at the project root installs it into node_modules/).
     */
    List<String> axeViolations(String context) {
        Path axe = Path.of(System.getProperty("axe.script", "node_modules/axe-core/axe.min.js"));
        if (!Files.isReadable(axe)) {
            return null;
        }
        try {
            js(Files.readString(axe, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(arguments[0] ? {include: [[arguments[0]]]} : document,"
                        + " {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                        + ".catch(e => done(['axe failed: ' + e]));", context);
        List<String> out = new ArrayList<>();
        if (result instanceof List<?> list) {
            list.forEach(o -> out.add(String.valueOf(o)));
        } else if (result instanceof Map<?, ?> m) {
            out.add(m.toString());
        }
        return out;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }
}
