package app.vanguard.identity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Phones keep 3 + 4 digits; names keep their first and last characters. */
class MaskingTest {

    @Test
    void phonesAndNamesAreMasked() {
        assertEquals("138****0002", Masking.phone("13800000002"));
        assertEquals("张*明", Masking.name("张小明"));
        assertEquals("张*", Masking.name("张明"));
        assertEquals("欧**明", Masking.name("欧阳小明"));
        assertEquals("*", Masking.name("张"));
    }
}
