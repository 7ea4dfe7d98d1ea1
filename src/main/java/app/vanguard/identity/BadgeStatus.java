package app.vanguard.identity;

/** A badge's standing on a given day. */
public enum BadgeStatus {
    VALID, NOT_YET_VALID, EXPIRED, REVOKED
}
