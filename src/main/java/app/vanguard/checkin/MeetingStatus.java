package app.vanguard.checkin;

public enum MeetingStatus {
    /** Scheduled (or under way): check-in and leave requests follow the configured windows. */
    SCHEDULED,
    CANCELLED,
    /** Closed by the secretary: every expected member has an outcome; held for compliance. */
    CLOSED
}
