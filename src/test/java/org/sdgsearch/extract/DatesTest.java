package org.sdgsearch.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-03-05T09:30:00+01:00 | 2024-03-05T08:30:00Z",
            "2024-03-05T09:30:00Z | 2024-03-05T09:30:00Z",
            "2024-03-05T09:30:00.123+0100 | 2024-03-05T08:30:00.123Z",
            "2024-03-05T09:30:00 | 2024-03-05T09:30:00Z",
            "2024-03-05 09:30 | 2024-03-05T09:30:00Z",
            "2024-03-05 | 2024-03-05T00:00:00Z",
            "2024-03 | 2024-03-01T00:00:00Z",
            "2024 | 2024-01-01T00:00:00Z",
            "Wed, 21 Oct 2015 07:28:00 GMT | 2015-10-21T07:28:00Z",
            "D:20240630120000Z | 2024-06-30T12:00:00Z",
            "D:20240630140000+02'00' | 2024-06-30T12:00:00Z",
            "2023-12-02T16:45:00+00:00[Europe/London] | 2023-12-02T16:45:00Z"})
    void parsesWebAndDocumentSpellings(String text, String expected) {
        assertEquals(Instant.parse(expected), Dates.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "0000-00-00", "1066-10-14", "9999-12-31", "2024-13-45", "D:xx"})
    void unreadableOrImplausibleIsNull(String text) {
        assertNull(Dates.parse(text));
    }
}
