package app.vanguard.commendation;

/** What the round's committee does with a nomination. */
public enum ReviewAction {
    /** SUBMITTED → UNDER_REVIEW. */
    START_REVIEW,
    /** UNDER_REVIEW → PUBLICISED for a publicity period (公示) from today. */
    PUBLICISE,
    /** PUBLICISED → APPROVED, once the period is over without objection. */
    APPROVE,
    /** SUBMITTED, UNDER_REVIEW or PUBLICISED → REJECTED, with a reason. */
    REJECT
}
