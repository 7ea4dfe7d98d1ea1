package app.vanguard.identity;

/** Where an identity declaration (亮身份) stands. */
public enum DeclarationState {
    /** Waiting for the receiving branch's secretary. */
    SUBMITTED,
    /** Accepted: the member is on the branch's roster (as a mobile member where declared). */
    VERIFIED,
    /** Sent back with a reason; the member may amend and resubmit it. */
    REJECTED
}
