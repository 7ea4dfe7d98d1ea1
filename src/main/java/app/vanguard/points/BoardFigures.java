package app.vanguard.points;

import java.time.LocalDate;
import java.util.List;

/**
 * The boards' figures of the members an award transaction gave points (per branch: each day from the earliest week
 * or month start the award's day belongs to, and all time), read inside that transaction after it raised them. Its
 * after-commit step puts exactly these on Redis ({@link PointsService#afterCommit}), with no further SQL.
 *
 * @param day the awards' business day (Asia/Shanghai): which day, week and month boards they move
 */
public record BoardFigures(LocalDate day, List<BoardLedgerStore.BranchContribution> rows) {
}
