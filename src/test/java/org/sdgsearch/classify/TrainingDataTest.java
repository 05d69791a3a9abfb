package org.sdgsearch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainingDataTest {

    @ParameterizedTest
    @CsvSource({
            "ca:en:6-1-1:STAT_CONC_DEF, 6-1-1",
            "ca:fr:6-1-1:STAT_CONC_DEF, 6-1-1",
            "unmeta:ru:6-1-1a:COLL_METHOD:0, 6-1-1",
            "kz:ru:6-1-1:national_indicators:6-1-1-title, 6-1-1",
            "dpga:evidence:some-tool:2, dpga:some-tool",
            "dpga:description:some-tool, dpga:some-tool"})
    void examplesAreGroupedByTheIndicatorTheyDescribe(String id, String group) {
        assertEquals(group, TrainingData.group(id));
    }

    @ParameterizedTest
    @CsvSource({"unmeta:en:6-1-1:COLL_METHOD:0, true", "uk:en:6-1-1:source_other_info_1, true",
            "unmeta:en:6-1-1:STAT_CONC_DEF:0, false", "rw:en:6-1-1:title, false", "dpga:evidence:x:0, false"})
    void processFieldsAreRecognised(String id, boolean process) {
        assertEquals(process, TrainingData.isProcessField(id));
    }

    @ParameterizedTest
    @CsvSource({"'1,6', 1|6", "' 17 ', 17", "'0,18,x', ''"})
    void goalsOutsideOneToSeventeenAreDropped(String field, String expected) {
        Set<Integer> goals = TrainingData.parseGoals(field);
        assertEquals(expected, String.join("|", goals.stream().map(String::valueOf).toList()));
    }

    @org.junit.jupiter.api.Test
    void theSplitIsAFixedFunctionOfGroupAndSeed() {
        int held = 0;
        for (int i = 0; i < 1000; i++) {
            String g = "1-" + i + "-1";
            boolean v = TrainingData.isValidation(g, 42, 0.2);
            assertEquals(v, TrainingData.isValidation(g, 42, 0.2));
            held += v ? 1 : 0;
        }
        assertTrue(held > 150 && held < 250, "held out " + held);
        assertFalse(TrainingData.isValidation("x", 42, 0.0));
    }
}
