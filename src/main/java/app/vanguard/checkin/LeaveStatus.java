package app.vanguard.checkin;

public enum LeaveStatus {
    PENDING, APPROVED, REJECTED
}
