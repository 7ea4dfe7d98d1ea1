package app.vanguard.points;

import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/**
 * The outcome of an award: the ledger entry's id, the points granted (less than requested when the daily cap
 * cut it: {@code capped}), and whether this was a repeat of an award already recorded ({@code duplicate}: nothing
 * changed; the original's figures are returned).
 */
@Serdeable
public record PointsAward(long entryId, long memberId, PointsAction action, String reference, int requested,
                          int points, boolean capped, boolean duplicate, LocalDate businessDate) {
}
