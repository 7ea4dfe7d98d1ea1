package app.vanguard.org;

public enum MemberStatus {
    /** 正式党员 */
    FULL,
    /** 预备党员 */
    PROBATIONARY
}
