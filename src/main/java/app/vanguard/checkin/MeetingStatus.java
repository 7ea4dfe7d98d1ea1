package app.vanguard.checkin;

public enum MeetingStatus {
    /** Scheduled (or under way): check-in and leave requests follow the configured windows. */
    SCHEDULED,
    CANCELLED,
    /**
     * Closed by the secretary, automatically when the check-in window ends, or at once when recorded afterwards:
     * every expected member has an outcome. Held for compliance only with an attendance by code or minutes.
     */
    CLOSED
}
