package org.sdgsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserQueryTest {

    @Test
    void wordsPhrasesExclusionsAndOr() {
        UserQuery q = UserQuery.parse("water \"hand washing\" -tender school OR clinic");
        assertEquals(3, q.groups().size());
        assertEquals(new UserQuery.Part("hand washing", true, false), q.groups().get(1).get(0));
        assertEquals(2, q.groups().get(2).size(), "school OR clinic is one group of two alternatives");
        assertEquals(List.of(new UserQuery.Part("tender", false, false)), q.excluded());
    }

    @Test
    void filters() {
        UserQuery q = UserQuery.parse("sanitation sdg:6 sdg:3,5 partnership:SWA lang:fr type:pdf country:ke year:2019..2024");
        assertEquals(List.of(6, 3, 5), q.sdgs());
        assertEquals(List.of("swa"), q.partnerships());
        assertEquals(List.of("fr"), q.languages());
        assertEquals(List.of("pdf"), q.types());
        assertEquals(List.of("KE"), q.countries());
        assertEquals(2019, q.yearFrom());
        assertEquals(2024, q.yearTo());
        assertEquals(1, q.groups().size());
    }

    @Test
    void emptyQueryWithFiltersIsABrowse() {
        UserQuery q = UserQuery.parse("sdg:6");
        assertFalse(q.hasTerms());
        assertEquals(List.of(6), q.sdgs());
    }

    @Test
    void leadingWildcardsAndRegexAreRefusedWithANotice() {
        UserQuery q = UserQuery.parse("*ation /wat.r/ wa*");
        assertTrue(q.notices().size() >= 3, q.notices().toString());
        assertEquals("ation", q.groups().get(0).get(0).text());
        assertFalse(q.groups().get(2).get(0).prefix(), "two-letter prefixes are not expanded");
    }

    @Test
    void hugeInputsAreLimited() {
        UserQuery q = UserQuery.parse("water ".repeat(5000));
        assertEquals(UserQuery.MAX_PARTS, q.groups().size());
        assertFalse(q.notices().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "-", "OR", "OR OR", "sdg:", "sdg:99", "year:abc", ":::", "\"unclosed phrase",
            "-\"\"", "a:b:c", "year:..", "\u0000", "((()))", "title:(x", "*", "?*?", "sdg:1..3"})
    void anyInputParses(String input) {
        UserQuery q = UserQuery.parse(input);
        assertTrue(q.groups().stream().allMatch(g -> !g.isEmpty()));
    }
}
