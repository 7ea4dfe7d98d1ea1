package app.vanguard.points;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Board expiries reach Redis as a time to live measured on the service's clock, never as an absolute instant. */
class BoardsTimeToLiveTest {

    @Test
    void theTimeToLiveIsTheExpiryLessTheServicesNow() {
        long now = 1_000_000_000_000L;
        assertEquals(86_400_000L, Boards.timeToLiveMs(now + 86_400_000L, now));
    }

    @Test
    void aBoardThatNeverExpiresKeepsNoTimeToLive() {
        assertEquals(0, Boards.timeToLiveMs(0, 123L));
    }

    @Test
    void aBoardAlreadyPastItsExpiryLivesOneMillisecond() {
        assertEquals(1, Boards.timeToLiveMs(500L, 1_000L));
        assertEquals(1, Boards.timeToLiveMs(1_000L, 1_000L));
    }
}
