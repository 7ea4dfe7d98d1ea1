package app.vanguard.identity;

/** What happened to a declaration, as kept in its history. */
public enum DeclarationAction {
    SUBMITTED, RESUBMITTED, VERIFIED, REJECTED
}
