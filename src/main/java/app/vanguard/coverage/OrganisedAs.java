package app.vanguard.coverage;

/** How Party work reaches an enterprise: its own branch, a joint, affiliated or industry branch, or none yet. */
public enum OrganisedAs {
    OWN("单独组建"),
    JOINT("联合组建"),
    AFFILIATED("挂靠组建"),
    INDUSTRY("行业组建"),
    NONE("未建");

    final String label;

    OrganisedAs(String label) {
        this.label = label;
    }

    boolean covered() {
        return this != NONE;
    }
}
