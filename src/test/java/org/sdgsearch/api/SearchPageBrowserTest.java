package org.sdgsearch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/**
 * The search page at / in headless chromium: suggestions, SDG chips, facets, results, the back button, the document
 * and partnership views, and crawled text that tries to run scripts.
 */
@QuarkusTest
class SearchPageBrowserTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Engine engine;

    private static Engine indexed;

    @BeforeEach
    void setUp() {
        Browser.index(engine);
        indexed = engine;
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
    }

    private void open(String pathAndQuery) {
        browser.driver.get(base + pathAndQuery);
        ready();
    }

    private void ready() {
        browser.waitFor(d -> "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-state")));
    }

    private long total() {
        return Long.parseLong(browser.driver.findElement(By.id("results")).getAttribute("data-total"));
    }

    private List<WebElement> results() {
        return browser.driver.findElements(By.cssSelector("#results > li.result"));
    }

    @Test
    void searchShowsResultsSdgChipsAndFacets() {
        open("?q=water");
        assertFalse(results().isEmpty(), "results for 'water'");
        assertTrue(total() >= 3);
        List<WebElement> chips = browser.driver.findElements(By.cssSelector("#sdg-chips button.chip"));
        assertEquals(17, chips.size(), "all 17 goals have a chip");
        WebElement six = browser.driver.findElement(By.cssSelector("#sdg-chips [data-sdg='6']"));
        assertEquals("false", six.getAttribute("aria-pressed"));
        assertTrue(Integer.parseInt(six.findElement(By.className("chip-count")).getText().replaceAll("\\D", "")) > 0);
        // Official colour on the number box.
        assertEquals("rgba(38, 189, 226, 1)", six.findElement(By.className("chip-num")).getCssValue("background-color"));
        // Partnership names, not ids (they arrive with the catalogue, possibly after the first results).
        String demo = engine.sources().get("demo-alliance").name();
        browser.waitFor(d -> d.findElement(By.id("facets")).getText().contains(demo));
        String facets = browser.driver.findElement(By.id("facets")).getText();
        assertTrue(facets.contains("English"), facets);
        // Highlighted snippets.
        assertFalse(browser.driver.findElements(By.cssSelector("#results .snippet mark")).isEmpty());
        // SDG badges on results.
        assertFalse(browser.driver.findElements(By.cssSelector("#results .badges .badge")).isEmpty());
    }

    @Test
    void suggestionIsChosenWithTheKeyboard() {
        open("");
        WebElement q = browser.driver.findElement(By.id("q"));
        q.sendKeys("wat");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#suggestions [role=option]")).isEmpty());
        assertEquals("true", q.getAttribute("aria-expanded"));
        q.sendKeys(Keys.ARROW_DOWN);
        WebElement first = browser.driver.findElement(By.cssSelector("#suggestions [role=option]"));
        assertEquals(first.getAttribute("id"), q.getAttribute("aria-activedescendant"));
        assertEquals("true", first.getAttribute("aria-selected"));
        String chosen = first.findElement(By.className("suggestion-text")).getText();
        q.sendKeys(Keys.ENTER);
        browser.waitFor(d -> d.getCurrentUrl().contains("q=") || d.getCurrentUrl().contains("doc=")
                || d.getCurrentUrl().contains("partnership="));
        ready();
        assertEquals("false", q.getAttribute("aria-expanded"));
        String url = browser.driver.getCurrentUrl();
        if (url.contains("doc=")) {
            assertEquals(chosen, browser.driver.findElement(By.cssSelector("#doc-view h1")).getText());
        } else {
            assertFalse(results().isEmpty(), "results after choosing '" + chosen + "'");
        }
        // Escape closes the list.
        open("");
        q = browser.driver.findElement(By.id("q"));
        q.sendKeys("wat");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#suggestions [role=option]")).isEmpty());
        q.sendKeys(Keys.ESCAPE);
        assertEquals("false", q.getAttribute("aria-expanded"));
    }

    @Test
    void togglingAChipNarrowsResultsAndTheBackButtonRestoresThem() {
        open("?q=water");
        long all = total();
        browser.driver.findElement(By.cssSelector("#sdg-chips [data-sdg='4']")).click();
        browser.waitFor(d -> d.getCurrentUrl().contains("sdg=4"));
        ready();
        long narrowed = total();
        assertTrue(narrowed > 0 && narrowed < all, all + " → " + narrowed);
        assertEquals("true", browser.driver.findElement(By.cssSelector("#sdg-chips [data-sdg='4']")).getAttribute("aria-pressed"));
        for (WebElement r : results()) {
            assertTrue(r.findElements(By.cssSelector(".badge")).stream()
                    .anyMatch(b -> b.getAttribute("textContent").matches("SDG 4\\b.*")), "every hit has SDG 4");
        }
        // Drill-sideways: the other chips still count what they would add.
        String six = browser.driver.findElement(By.cssSelector("#sdg-chips [data-sdg='6'] .chip-count")).getText();
        assertTrue(Integer.parseInt(six.replaceAll("\\D", "")) > 0, six);

        browser.driver.navigate().back();
        browser.waitFor(d -> !d.getCurrentUrl().contains("sdg=4"));
        ready();
        assertEquals(all, total());
        assertEquals("false", browser.driver.findElement(By.cssSelector("#sdg-chips [data-sdg='4']")).getAttribute("aria-pressed"));
        assertEquals("water", browser.driver.findElement(By.id("q")).getAttribute("value"));
    }

    @Test
    void facetCheckboxFiltersAndPaginationKeepsTheQuery() {
        open("?q=water");
        WebElement pdf = browser.driver.findElement(By.xpath("//fieldset[@id='facet-type']//label[contains(., 'PDF')]"));
        pdf.click();
        browser.waitFor(d -> d.getCurrentUrl().contains("type=pdf"));
        ready();
        assertTrue(total() >= 1);
        assertTrue(browser.driver.findElement(By.id("active-filters")).getText().contains("PDF"));
        assertEquals("true", browser.js("return String(document.querySelector('#facet-type input[value=pdf]').checked)"));
        // The browse view (no query) has every fixture, more than one page of 10 would need; the pager is a nav.
        open("");
        assertNotNull(browser.driver.findElement(By.cssSelector("nav#pagination")));
    }

    @Test
    void documentViewShowsEvidenceAndRelatedWork() {
        open("?q=toilets");
        browser.driver.findElement(By.xpath("//ol[@id='results']//h2/a[.='Water and toilets in schools']")).click();
        browser.waitFor(d -> d.getCurrentUrl().contains("doc="));
        ready();
        assertEquals("Water and toilets in schools", browser.driver.findElement(By.cssSelector("#doc-view h1")).getText());
        List<WebElement> evidence = browser.driver.findElements(By.cssSelector("#doc-view .evidence"));
        assertEquals(2, evidence.size(), "evidence for SDG 4 and 6");
        String text = browser.driver.findElement(By.id("doc-view")).getText();
        assertTrue(text.contains("evidence for goal 4"), text);
        assertTrue(text.contains("term4"), text);
        assertTrue(text.contains("Related work from other partnerships"), text);
        browser.driver.navigate().back();
        ready();
        assertFalse(browser.driver.findElement(By.id("search-view")).getAttribute("hidden") != null);
    }

    @Test
    void crawledScriptsNeverRunAndShowAsText() {
        open("?q=chlorination");
        assertFalse(results().isEmpty());
        String titles = browser.driver.findElement(By.id("results")).getText();
        assertTrue(titles.contains("<script>window.__xss=1</script>"), titles);
        assertEquals(0L, browser.js("return document.querySelectorAll('#results img, #results script').length"));
        assertFalse(browser.xssRan(), "an XSS payload ran in the results");

        open("?doc=" + Browser.XSS_ID);
        assertTrue(browser.driver.findElement(By.cssSelector("#doc-view h1")).getText().startsWith("<script>"));
        assertEquals(0L, browser.js("return document.querySelectorAll('#doc-view img, #doc-view script').length"));
        assertFalse(browser.xssRan(), "an XSS payload ran in the document view");

        // Suggestions are untrusted too.
        WebElement q = browser.driver.findElement(By.id("q"));
        q.sendKeys("chlor");
        try {
            browser.waitFor(d -> !d.findElements(By.cssSelector("#suggestions [role=option]")).isEmpty());
        } catch (TimeoutException noSuggestions) {
            // nothing suggested for this prefix: nothing to render either
        }
        assertEquals(0L, browser.js("return document.querySelectorAll('#suggestions img, #suggestions script').length"));
        assertFalse(browser.xssRan());
    }

    @Test
    void partnershipPageDrawsTheSdgWheel() {
        open("?org=demo-alliance");
        assertEquals(engine.sources().get("demo-alliance").name(),
                browser.driver.findElement(By.cssSelector("#partnership-view h1")).getText());
        assertEquals(17L, browser.js("return document.querySelectorAll('svg.wheel path.ghost').length"));
        assertTrue(((Number) browser.js("return document.querySelectorAll('svg.wheel path.segment').length")).intValue() >= 1);
        assertEquals("img", browser.driver.findElement(By.cssSelector("svg.wheel")).getAttribute("role"));
        String legend = browser.driver.findElement(By.className("wheel-legend")).getText();
        assertTrue(legend.contains("Clean water and sanitation"), legend);
        // Each goal with documents links to the partnership's documents on that goal.
        assertFalse(browser.driver.findElements(By.cssSelector(".wheel-legend a[href*='partnership=demo-alliance']")).isEmpty());
    }

    @Test
    void noSeriousAccessibilityViolations() {
        open("?q=water");
        List<String> violations = browser.axeViolations(null);
        assumeTrue(violations != null, "axe-core not installed (npm ci)");
        assertEquals(List.of(), violations, "search page");
        open("?doc=b2");
        violations = browser.axeViolations(null);
        assertEquals(List.of(), violations, "document view");
        open("?org=demo-alliance");
        violations = browser.axeViolations(null);
        assertEquals(List.of(), violations, "partnership view");
    }
}
