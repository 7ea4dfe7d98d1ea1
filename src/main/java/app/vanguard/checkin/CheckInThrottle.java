package app.vanguard.checkin;

import app.vanguard.shared.FixedWindowCounter;
import jakarta.inject.Singleton;

/** Wrong check-in codes per member, counted in Redis: over the limit the member waits out the window (429). */
@Singleton
public class CheckInThrottle {

    private final FixedWindowCounter counter;
    private final CheckInSettings settings;

    public CheckInThrottle(FixedWindowCounter counter, CheckInSettings settings) {
        this.counter = counter;
        this.settings = settings;
    }

    /** Refuses the attempt while the member is over the limit of wrong codes. */
    public void check(long memberId) {
        counter.refuseWhileAtLimit(key(memberId), settings.getMaxWrongCodes(),
                "Too many wrong check-in codes; try again later");
    }

    public void recordWrongCode(long memberId) {
        counter.hit(key(memberId), settings.getWrongCodeWindow());
    }

    private static String key(long memberId) {
        return "rl:checkin:code:" + memberId;
    }
}
