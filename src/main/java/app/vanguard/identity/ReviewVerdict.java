package app.vanguard.identity;

/** The secretary's yearly verdict on a commitment (践诺评议). FULFILLED earns the member points once. */
public enum ReviewVerdict {
    FULFILLED, IN_PROGRESS, NOT_FULFILLED
}
