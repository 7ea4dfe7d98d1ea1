package app.vanguard.dues;

import io.micronaut.context.annotation.ConfigurationProperties;

/** vanguard.dues.*: when unpaid dues are flagged, the largest amounts accepted, how far ahead a month may be paid. */
@ConfigurationProperties("vanguard.dues")
public class DuesSettings {

    /** Members this many or more consecutive ended months unpaid are flagged (the Party rule starts at 6). */
    private int flagAfterMonths = 6;
    /** The largest monthly amount (and single payment) accepted, in fen. */
    private long maxAmountFen = 10_000_000L;
    /** How many months after the current one may be paid in advance. */
    private int maxMonthsAhead = 12;

    public int getFlagAfterMonths() { return flagAfterMonths; }
    public void setFlagAfterMonths(int flagAfterMonths) { this.flagAfterMonths = flagAfterMonths; }
    public long getMaxAmountFen() { return maxAmountFen; }
    public void setMaxAmountFen(long maxAmountFen) { this.maxAmountFen = maxAmountFen; }
    public int getMaxMonthsAhead() { return maxMonthsAhead; }
    public void setMaxMonthsAhead(int maxMonthsAhead) { this.maxMonthsAhead = maxMonthsAhead; }
}
