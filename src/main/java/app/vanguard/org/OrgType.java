package app.vanguard.org;

/** Levels of the organisation tree. */
public enum OrgType {
    /** 党委 */
    COMMITTEE,
    /** 党总支 */
    GENERAL_BRANCH,
    /** 党支部: the basic unit every member belongs to. */
    BRANCH,
    /** 党小组: inside a branch. */
    GROUP;

    /** Which child types each level may hold. */
    public boolean canContain(OrgType child) {
        return switch (this) {
            case COMMITTEE -> child == COMMITTEE || child == GENERAL_BRANCH || child == BRANCH;
            case GENERAL_BRANCH -> child == BRANCH;
            case BRANCH -> child == GROUP;
            case GROUP -> false;
        };
    }
}
