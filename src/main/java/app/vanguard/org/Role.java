package app.vanguard.org;

/** What a member may do, and over which organisation. Every member is a MEMBER; the others are granted. */
public enum Role {
    MEMBER,
    /** 支部书记: runs one branch. */
    SECRETARY,
    /** 支委: a branch committee member; sees what the secretary sees, changes nothing. */
    COMMITTEE_MEMBER,
    /** Administers a committee's (or general branch's) whole subtree. */
    ORG_ADMIN,
    /** Runs the installation. */
    SYSTEM_ADMIN
}
