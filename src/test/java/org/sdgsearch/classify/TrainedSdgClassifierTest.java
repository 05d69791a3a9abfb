package org.sdgsearch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainedSdgClassifierTest {

    private static TrainedSdgClassifier classifier;

    // Texts written for these tests, not taken from any training or benchmark file.
    static final String WATER = "Thousands of households in the district still fetch drinking water from unprotected "
            + "wells and rivers. The project builds piped water connections, rehabilitates boreholes and installs "
            + "latrines and handwashing stations in schools, so that families have safely managed sanitation and "
            + "no longer practise open defecation. Wastewater from the town is now treated before it returns to "
            + "the river.";
    static final String OCEAN = "Coastal fishing communities report that fish stocks have collapsed after years of "
            + "overfishing by industrial trawlers. The partnership supports marine protected areas, ends illegal, "
            + "unreported and unregulated fishing with vessel monitoring, and cleans plastic debris from the reefs "
            + "and the sea floor, so that marine ecosystems and small-scale fishers can recover.";
    static final String SCHOOLS_FR = "Le programme aide les écoles primaires rurales à recruter et former des "
            + "enseignants qualifiés. Les enfants, filles et garçons, terminent un cycle complet d'enseignement "
            + "primaire et secondaire gratuit, et les jeunes adultes suivent une formation professionnelle pour "
            + "acquérir des compétences en lecture, en écriture et en calcul.";
    static final String HEALTH_RU = "Программа снижает материнскую смертность и смертность детей в возрасте до "
            + "пяти лет. Больницы получают вакцины и лекарства, медицинские работники проходят обучение, а "
            + "население получает доступ к основным услугам здравоохранения, лечению туберкулеза, малярии и "
            + "ВИЧ-инфекции.";

    @BeforeAll
    static void load() {
        classifier = TrainedSdgClassifier.load();
    }

    @Test
    void waterAndSanitationIsSdg6() {
        SdgProfile p = classifier.classify(WATER, "en", List.of());
        assertNull(p.reason());
        assertTrue(p.assigned().contains(6), () -> "assigned " + p.assigned() + " scores " + p.scores());
        Evidence e = p.evidence().get(p.assigned().indexOf(6));
        assertEquals(6, e.sdg());
        assertFalse(e.terms().isEmpty());
        assertTrue(e.terms().stream().anyMatch(t -> t.contains("water") || t.contains("sanitation")
                || t.contains("latrine")), () -> "terms " + e.terms());
        assertEquals(1.0, p.scores().get(5).passageShare());
    }

    @ParameterizedTest
    @CsvSource({"fr, 4", "ru, 3"})
    void otherUnLanguagesGetTheirGoal(String language, int goal) {
        String text = language.equals("fr") ? SCHOOLS_FR : HEALTH_RU;
        SdgProfile p = classifier.classify(text, language, List.of());
        assertTrue(p.assigned().contains(goal), () -> "assigned " + p.assigned() + " scores " + p.scores());
        int best = p.scores().stream().max((a, b) -> Double.compare(a.score(), b.score())).orElseThrow().sdg();
        assertEquals(goal, best);
    }

    /**
     * Spanish, Arabic and Chinese are learnt from the official goal, target and indicator texts only, so these
     * sentences are plainer than real reports; they check that each analyzer feeds the model, not its quality.
     */
    @ParameterizedTest
    @CsvSource({
            "es, 5, 'Las mujeres y las niñas sufren violencia doméstica y matrimonio infantil; el programa promueve "
                    + "la igualdad de género.'",
            "zh, 4, '这个项目为农村儿童提供免费的小学和中学教育，并培训更多合格的教师。'",
            "ar, 13, 'تعمل الحكومة على خفض انبعاثات الكربون والتكيف مع موجات الجفاف والفيضانات الناجمة عن الاحترار "
                    + "العالمي.'"})
    void languagesLearntFromOfficialTextsGetTheirGoal(String language, int goal, String text) {
        SdgProfile p = classifier.classify(text, language, List.of());
        assertTrue(p.assigned().contains(goal), () -> "assigned " + p.assigned() + " scores " + p.scores());
        assertFalse(p.evidence().get(p.assigned().indexOf(goal)).terms().isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"fi, unsupported language: fi", "und, language unknown", "'', language unknown"})
    void otherLanguagesGetAnEmptyProfileWithAReason(String language, String reason) {
        SdgProfile p = classifier.classify("Vesihuolto ja jätevesien käsittely kuuluvat kunnille.", language,
                List.of());
        assertTrue(p.assigned().isEmpty());
        assertTrue(p.evidence().isEmpty());
        assertEquals(17, p.scores().size());
        assertNotNull(p.reason());
        assertTrue(p.reason().startsWith(reason), p.reason());
    }

    @Test
    void blankTextGetsAnEmptyProfile() {
        SdgProfile p = classifier.classify("  \n ", "en", List.of());
        assertTrue(p.assigned().isEmpty());
        assertNotNull(p.reason());
    }

    @Test
    void evidencePointsToThePageThatCarriesTheGoal() {
        List<String> pages = List.of(WATER, OCEAN);
        SdgProfile p = classifier.classify(WATER + "\n" + OCEAN, "en", pages);
        assertTrue(p.assigned().contains(14), () -> "assigned " + p.assigned());
        assertTrue(p.assigned().contains(6), () -> "assigned " + p.assigned());
        Evidence ocean = p.evidence().get(p.assigned().indexOf(14));
        assertEquals(2, ocean.passages().get(0).page());
        assertTrue(ocean.passages().get(0).text().contains("trawlers"));
        Evidence water = p.evidence().get(p.assigned().indexOf(6));
        assertEquals(1, water.passages().get(0).page());
        assertEquals(0.5, p.scores().get(13).passageShare());
    }

    @Test
    void concurrentCallsGiveTheSameProfilesAsOneThread() throws Exception {
        List<String[]> inputs = List.of(new String[] {WATER, "en"}, new String[] {OCEAN, "en"},
                new String[] {SCHOOLS_FR, "fr"}, new String[] {HEALTH_RU, "ru"},
                new String[] {"联合国可持续发展目标要求到2030年消除一切形式的贫困，确保所有人获得安全饮用水和环境卫生。", "zh"});
        List<SdgProfile> expected = inputs.stream().map(i -> classifier.classify(i[0], i[1], List.of())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 25; round++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            String[] in = inputs.get(i);
                            if (!expected.get(i).equals(classifier.classify(in[0], in[1], List.of()))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
