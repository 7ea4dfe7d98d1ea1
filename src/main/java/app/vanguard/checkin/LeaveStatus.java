package app.vanguard.checkin;

public enum LeaveStatus {
    PENDING, APPROVED, REJECTED,
    /** Still undecided when the meeting closed automatically: the member is recorded ABSENT. */
    EXPIRED
}
