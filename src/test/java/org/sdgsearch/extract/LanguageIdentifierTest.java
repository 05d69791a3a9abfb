package org.sdgsearch.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageIdentifierTest {

    private static LanguageIdentifier identifier;

    @BeforeAll
    static void load() {
        identifier = new LanguageIdentifier();
    }

    @ParameterizedTest
    @CsvSource({"eng, en", "fra, fr", "spa, es", "ara, ar", "zho-simp, zh", "zho-trad, zh", "cmn, zh", "rus, ru",
            "deu, de", "pes, fa", "hin-rom, hi", "nob, nb", "lvs, lv", "ekk, et", "gsw, gsw"})
    void mapsOpenNlpCodesToIso6391(String iso3, String iso1) {
        assertEquals(iso1, LanguageIdentifier.toIso1(iso3));
    }

    @ParameterizedTest
    @CsvSource({"en-GB, en", "fr_CA, fr", "'de, en', de", "ZH-Hans-CN, zh", "fra, fr"})
    void normalisesDeclaredTags(String tag, String code) {
        assertEquals(code, LanguageIdentifier.normalise(tag));
    }

    @Test
    void unusableDeclarationsAreNull() {
        assertNull(LanguageIdentifier.normalise(""));
        assertNull(LanguageIdentifier.normalise("x-klingon-!!"));
    }

    @Test
    void dominantLanguageWinsInMixedText() {
        String en = "The annual report describes the work of the partnership in English for the donors. ";
        String es = "El informe describe las actividades de las cooperativas agrícolas en las regiones andinas, "
                + "donde las familias campesinas cultivan papas, quinua y maíz para el mercado local. ";
        String text = en.repeat(20) + es.repeat(60) + en.repeat(5);
        assertEquals("es", identifier.identify(text, "en"));
    }

    @Test
    void declaredLanguageBreaksTiesOnShortText() {
        assertEquals("pt", identifier.identify("Olá", "pt-BR"));
        assertEquals("und", identifier.identify("12345 !!!", null));
    }

    @Test
    void windowsCoverTheWholeText() {
        String text = "a ".repeat(50_000);
        List<String> windows = LanguageIdentifier.windows(text);
        assertEquals(5, windows.size());
        assertTrue(windows.stream().allMatch(w -> w.length() <= 2_000));
        assertEquals(List.of("short text"), LanguageIdentifier.windows("short text"));
    }
}
