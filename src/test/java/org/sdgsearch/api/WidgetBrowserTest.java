package org.sdgsearch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The embeddable widget on a hostile page served from another origin than the API (a tiny HTTP server on another
 * loopback address and port): search, suggestions, chips, scope, languages, isolation from the host's CSS, XSS, size.
 */
@QuarkusTest
class WidgetBrowserTest {

    static final int BUDGET_GZIPPED = 20 * 1024;

    private static Browser browser;
    private static HttpServer host;
    private static String hostPage;

    @TestHTTPResource("/")
    URL base;

    @TestHTTPResource("/widget.js")
    URL widget;

    @Inject
    Engine engine;

    private static Engine indexed;

    @BeforeEach
    void setUp() throws IOException {
        Browser.index(engine);
        indexed = engine;
        if (host == null) {
            host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            host.createContext("/", exchange -> {
                byte[] body = hostPage.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            host.start();
        }
        // The API is reached as "localhost", the host page as 127.0.0.1 on another port: two origins.
        hostPage = """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Partner site</title>
                <style>
                  html { font-size: 40px !important; }
                  * { color: rgb(255, 0, 255) !important; font-size: 33px !important; font-family: fantasy !important;
                      text-transform: uppercase !important; letter-spacing: 9px !important; }
                  input, button, li, ul, ol, mark, a, span, p, div, fieldset, label
                    { display: none !important; visibility: hidden !important; all: unset !important; }
                  sdg-search { font-size: 70px !important; color: red !important; padding: 40px !important; }
                </style>
                <script src="%s" async></script></head>
                <body><main><h1>Partner</h1>
                <sdg-search id="scoped" partnership="demo-alliance" lang="en" size="5"></sdg-search>
                <sdg-search id="open" lang="ar" size="3"></sdg-search>
                </main></body></html>
                """.formatted(widget);
        if (browser == null) {
            browser = Browser.start();
        }
    }

    @AfterAll
    static void tearDown() {
        if (indexed != null) {
            Browser.unindex(indexed);
            indexed = null;
        }
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (host != null) {
            host.stop(0);
            host = null;
        }
    }

    private void openHost() {
        String url = "http://127.0.0.1:" + host.getAddress().getPort() + "/host.html";
        assertNotEquals(URI.create(url).getAuthority(), URI.create(base.toString()).getAuthority());
        browser.driver.get(url);
        loaded("scoped");
        loaded("open");
    }

    private SearchContext shadow(String id) {
        return browser.driver.findElement(By.id(id)).getShadowRoot();
    }

    private void loaded(String id) {
        browser.waitFor(d -> {
            Object t = browser.js("const w = document.getElementById(arguments[0]);"
                    + "return w && w.shadowRoot && w.shadowRoot.querySelector('ol.hits') ? w.shadowRoot.querySelector('ol.hits').dataset.total || null : null", id);
            return t != null;
        });
    }

    private long total(String id) {
        return Long.parseLong(shadow(id).findElement(By.cssSelector("ol.hits")).getAttribute("data-total"));
    }

    private String status(String id) {
        return shadow(id).findElement(By.cssSelector("[role=status]")).getText();
    }

    @Test
    void rendersResultsAndSdgChipsFromAnotherOrigin() {
        openHost();
        assertTrue(total("scoped") > 0, "results through CORS: " + status("scoped"));
        assertTrue(status("scoped").matches("\\d+ results?"), status("scoped"));
        List<WebElement> chips = shadow("open").findElements(By.cssSelector("button.chip"));
        assertEquals(17, chips.size());
        WebElement six = shadow("open").findElement(By.cssSelector("button.chip[data-sdg='6']"));
        assertEquals("rgba(38, 189, 226, 1)", six.findElement(By.cssSelector(".n")).getCssValue("background-color"));
        assertTrue(Integer.parseInt(six.findElement(By.cssSelector(".c")).getText().replaceAll("\\D", "")) > 0);
        assertFalse(shadow("scoped").findElements(By.cssSelector("li.hit")).isEmpty());
    }

    @Test
    void hostCssDoesNotLeakIn() {
        openHost();
        String style = (String) browser.js("const r = document.getElementById('scoped').shadowRoot.querySelector('.root');"
                + "const i = r.querySelector('input'); const cs = getComputedStyle(r), ci = getComputedStyle(i);"
                + "return [cs.fontSize, cs.color, cs.textTransform, cs.letterSpacing, ci.display, ci.visibility,"
                + " getComputedStyle(r.querySelector('button.chip')).display].join('|')");
        assertEquals("15px|rgb(27, 27, 27)|none|normal|inline-block|visible|inline-flex", style);
        WebElement input = shadow("scoped").findElement(By.cssSelector("input"));
        assertTrue(input.isDisplayed());
        assertTrue(input.getSize().getHeight() < 60, "input not blown up by the host's font size");
    }

    @Test
    void suggestionIsChosenWithTheKeyboard() {
        openHost();
        WebElement input = shadow("open").findElement(By.cssSelector("input[role=combobox]"));
        input.sendKeys("wat");
        browser.waitFor(d -> !shadow("open").findElements(By.cssSelector("[role=option]")).isEmpty());
        assertEquals("true", input.getAttribute("aria-expanded"));
        input.sendKeys(Keys.ARROW_DOWN);
        WebElement first = shadow("open").findElement(By.cssSelector("[role=option]"));
        assertEquals(first.getAttribute("id"), input.getAttribute("aria-activedescendant"));
        assertEquals("true", first.getAttribute("aria-selected"));
        String text = first.findElement(By.cssSelector("span")).getText();
        input.sendKeys(Keys.ENTER);
        browser.waitFor(d -> "false".equals(input.getAttribute("aria-expanded")));
        assertEquals(text, input.getAttribute("value"));
        browser.waitFor(d -> shadow("open").findElement(By.cssSelector(".more")).getAttribute("href").contains("q="));
    }

    @Test
    void togglingAChipNarrowsResults() {
        openHost();
        long all = total("open");
        WebElement chip = shadow("open").findElement(By.cssSelector("button.chip[data-sdg='4']"));
        chip.click();
        browser.waitFor(d -> total("open") != all);
        long narrowed = total("open");
        assertTrue(narrowed > 0 && narrowed < all, all + " → " + narrowed);
        assertEquals("true", shadow("open").findElement(By.cssSelector("button.chip[data-sdg='4']")).getAttribute("aria-pressed"));
        String more = shadow("open").findElement(By.cssSelector(".more")).getAttribute("href");
        assertTrue(more.startsWith(base.toString()) && more.contains("sdg=4"), more);
    }

    @Test
    void scopeSwitchesToAllPartnerships() {
        openHost();
        long scoped = total("scoped");
        String name = engine.sources().get("demo-alliance").name();
        browser.waitFor(d -> shadow("scoped").findElement(By.cssSelector(".scope")).getText().contains(name));
        // (XPath does not reach into shadow roots; CSS does.)
        shadow("scoped").findElements(By.cssSelector(".scope label")).stream()
                .filter(l -> l.getText().contains("All partnerships")).findFirst().orElseThrow().click();
        browser.waitFor(d -> total("scoped") != scoped);
        assertTrue(total("scoped") > scoped);
    }

    @Test
    void arabicIsRightToLeftAndLanguageCanChange() {
        openHost();
        assertEquals("rtl", browser.js("return document.getElementById('open').shadowRoot.querySelector('.root').dir"));
        assertEquals("ar", browser.js("return document.getElementById('open').shadowRoot.querySelector('.root').lang"));
        assertEquals("rtl", browser.js("return getComputedStyle(document.getElementById('open').shadowRoot.querySelector('.root')).direction"));
        assertEquals("ltr", browser.js("return document.getElementById('scoped').shadowRoot.querySelector('.root').dir"));
        browser.js("document.getElementById('scoped').setAttribute('lang', 'fr')");
        assertEquals("Rechercher", shadow("scoped").findElement(By.cssSelector("button.go")).getText());
        browser.js("document.getElementById('scoped').setAttribute('lang', 'ar')");
        assertEquals("rtl", browser.js("return document.getElementById('scoped').shadowRoot.querySelector('.root').dir"));
    }

    @Test
    void crawledScriptsNeverRun() {
        openHost();
        WebElement input = shadow("open").findElement(By.cssSelector("input[role=combobox]"));
        input.sendKeys("chlorination", Keys.ESCAPE, Keys.ENTER);
        browser.waitFor(d -> shadow("open").findElements(By.cssSelector("li.hit a.t")).stream()
                .anyMatch(a -> a.getText().contains("<script>")));
        assertEquals(0L, browser.js("return document.getElementById('open').shadowRoot.querySelectorAll('li.hit img, li.hit script').length"));
        assertFalse(browser.xssRan());
        // Links from crawled data are http(s) or point to the search page.
        for (WebElement a : shadow("open").findElements(By.cssSelector("li.hit a.t"))) {
            assertTrue(a.getAttribute("href").matches("https?://.*"), a.getAttribute("href"));
        }
    }

    @Test
    void noSeriousAccessibilityViolations() {
        openHost();
        List<String> violations = browser.axeViolations("#scoped");
        assumeTrue(violations != null, "axe-core not installed (npm ci)");
        assertEquals(List.of(), violations, "scoped widget");
        assertEquals(List.of(), browser.axeViolations("#open"), "Arabic widget");
    }

    @Test
    void demoPageShowsEveryWidgetDespiteItsHostileCss() {
        browser.driver.get(base + "widget-demo.html");
        for (String id : List.of("w-en", "w-fr", "w-ar", "w-narrow")) {
            loaded(id);
            assertEquals("15px", browser.js("return getComputedStyle(document.getElementById(arguments[0])"
                    + ".shadowRoot.querySelector('.root')).fontSize", id), id);
            assertTrue(shadow(id).findElement(By.cssSelector("input")).isDisplayed(), id);
        }
        assertEquals("rtl", browser.js("return document.getElementById('w-ar').shadowRoot.querySelector('.root').dir"));
        // The preset SDG of the first widget is selected.
        assertEquals("true", shadow("w-en").findElement(By.cssSelector("button.chip[data-sdg='6']")).getAttribute("aria-pressed"));
    }

    @Test
    void staysWithinItsSizeBudget() throws Exception {
        HttpResponse<byte[]> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(widget.toURI()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, res.statusCode());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(res.body());
        }
        assertTrue(gz.size() <= BUDGET_GZIPPED, "widget.js is " + gz.size() + " bytes gzipped");
    }
}
