package app.vanguard.identity;

/** The member's own status of a commitment (承诺). */
public enum CommitmentStatus {
    IN_PROGRESS, FULFILLED
}
