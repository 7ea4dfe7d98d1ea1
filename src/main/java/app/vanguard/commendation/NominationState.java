package app.vanguard.commendation;

/** Where a nomination stands: submitted → under review → publicised (公示) → approved, or rejected on the way. */
public enum NominationState {
    SUBMITTED, UNDER_REVIEW, PUBLICISED, APPROVED, REJECTED
}
