package org.sdgsearch.index;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.sdgsearch.classify.Evidence;
import org.sdgsearch.classify.SdgProfile;
import org.sdgsearch.classify.SdgScore;

/**
 * Fixture documents written for the tests, with SDG profiles given explicitly so that search behaviour is tested
 * independently of the classifier.
 */
public final class Fixtures {

    public static final String XSS_TITLE = "<script>window.__xss=1</script>Water <b>safety</b>";
    public static final String XSS_TEXT = "Chlorination of water points <img src=x onerror=window.__xss=1> keeps water safe.";

    private Fixtures() {
    }

    public static IndexSchema schema() {
        return IndexSchema.load(Path.of("index-schema/schema.yaml"));
    }

    /** A profile assigning the given SDGs with score 0.9 (others 0.05). */
    public static SdgProfile profile(int... sdgs) {
        List<Integer> assigned = IntStream.of(sdgs).sorted().boxed().toList();
        List<SdgScore> scores = new ArrayList<>();
        for (int g = 1; g <= 17; g++) {
            scores.add(new SdgScore(g, assigned.contains(g) ? 0.9 : 0.05, assigned.contains(g) ? 1.0 : 0.0));
        }
        List<Evidence> evidence = assigned.stream()
                .map(g -> new Evidence(g, List.of(new Evidence.Passage("evidence for goal " + g, null, 0.9)),
                        List.of("term" + g)))
                .toList();
        return new SdgProfile(scores, assigned, evidence, null);
    }

    public static IndexedDocument doc(String id, String partnership, String country, String title, String text,
                                      String lang, String type, int year, int... sdgs) {
        Instant published = Instant.parse(year + "-06-01T00:00:00Z");
        return new IndexedDocument(id, List.of("https://" + partnership + ".example.org/" + id),
                List.of(partnership), List.of(country), List.of("civil society"), title, "", text, lang, type,
                type.equals("pdf") ? "application/pdf" : "text/html", published, null, Instant.now(), Instant.now(),
                null, List.of(), profile(sdgs));
    }

    /** A small corpus across partnerships, languages, types and SDGs, including an XSS document. */
    public static List<IndexedDocument> corpus() {
        return List.of(
                doc("a1", "swa", "KE", "Rural water supply in Kenya",
                        "Boreholes and hand pumps bring safe drinking water to villages. Sanitation and latrines "
                                + "protect children from diarrhoea.", "en", "web", 2021, 6, 3),
                doc("a2", "swa", "SN", "Sanitation financing",
                        "Public finance for sanitation and water utilities, tariffs and subsidies.", "en", "pdf", 2019, 6),
                doc("b1", "gpe", "SN", "Girls' secondary education",
                        "Scholarships keep girls in school; teacher training improves learning in classrooms.", "en",
                        "web", 2022, 4, 5),
                doc("b2", "gpe", "KE", "Water and toilets in schools",
                        "Schools with water, toilets and handwashing keep girls learning; sanitation in schools.",
                        "en", "pdf", 2023, 4, 6),
                doc("c1", "seforall", "BD", "Solar energy for health clinics",
                        "Solar mini-grids power clinics and vaccine refrigerators; reliable energy saves lives.",
                        "en", "web", 2024, 7, 3),
                doc("c2", "seforall", "PE", "Eau potable et énergie solaire",
                        "Les pompes solaires fournissent de l'eau potable aux villages et aux écoles.", "fr", "web",
                        2020, 6, 7),
                doc("d1", "sun", "PE", "Desnutrición infantil",
                        "La desnutrición crónica infantil y la anemia en niños menores de cinco años.", "es", "web",
                        2023, 2, 3),
                doc("x1", "evil", "XX", XSS_TITLE, XSS_TEXT, "en", "web", 2024, 6));
    }
}
