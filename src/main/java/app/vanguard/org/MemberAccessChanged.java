package app.vanguard.org;

/**
 * Published by org (an application event, synchronous, on the publishing thread) when what a member may do changes:
 * auth listens and ends or refreshes the member's sign-ins, so org needs nothing from auth.
 */
public record MemberAccessChanged(long memberId, Reason reason) {

    public enum Reason {
        /** The member was disabled: every sign-in ends. */
        DISABLED,
        /** A role was granted or revoked: tokens carrying the old roles stop working. */
        ROLES_CHANGED
    }
}
