package app.vanguard.checkin;

/** An expected member's outcome for a meeting. NOT_CHECKED_IN only while the meeting is not closed. */
public enum AttendanceStatus {
    PRESENT, LATE, ON_LEAVE, ABSENT, NOT_CHECKED_IN,
    /**
     * Checked in with the code but outside the geofence of a FLAG meeting: held for the secretary, who confirms it
     * (then PRESENT or LATE, with points) or refuses it (ABSENT). Not attended until confirmed.
     */
    HELD;

    public boolean attended() {
        return this == PRESENT || this == LATE;
    }
}
