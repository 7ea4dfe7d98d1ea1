package app.vanguard.checkin;

/** An expected member's outcome for a meeting. NOT_CHECKED_IN only while the meeting is not closed. */
public enum AttendanceStatus {
    PRESENT, LATE, ON_LEAVE, ABSENT, NOT_CHECKED_IN;

    public boolean attended() {
        return this == PRESENT || this == LATE;
    }
}
