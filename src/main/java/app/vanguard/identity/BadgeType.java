package app.vanguard.identity;

/** The badges a secretary grants a verified member. */
public enum BadgeType {
    /** 党员示范户: a member's shop or stall. */
    MODEL_HOUSEHOLD,
    /** 党员先锋岗: a member's work post. */
    VANGUARD_POST,
    /** 党员责任区: an area a member answers for. */
    RESPONSIBILITY_AREA
}
