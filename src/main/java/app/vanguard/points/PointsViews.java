package app.vanguard.points;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the points and leaderboard endpoints answer. */
public final class PointsViews {

    private PointsViews() {
    }

    /** One ranked member of a board. */
    @Serdeable
    public record RankedMember(long rank, long memberId, String name, @Nullable Long branchId, @Nullable String branchName,
                               long points) {
    }

    /** The top of a board. {@code start}/{@code end} are absent for ALL. */
    @Serdeable
    public record Leaderboard(long orgId, String orgName, Period period, @Nullable LocalDate start, @Nullable LocalDate end,
                              long size, List<RankedMember> items) {
    }

    /** The caller on a board: rank null (sent as null) when not on it (no points in the period). */
    @Serdeable
    public record MyRank(long orgId, Period period, @Nullable LocalDate start, @Nullable LocalDate end, long size,
                         @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long rank, long points, List<RankedMember> above, List<RankedMember> below) {
    }

    /** A branch compared with the others: points per enabled member. */
    @Serdeable
    public record RankedBranch(long rank, long branchId, String name, long points, long members, double pointsPerMember) {
    }

    @Serdeable
    public record BranchRanking(long orgId, String orgName, Period period, @Nullable LocalDate start,
                                @Nullable LocalDate end, List<RankedBranch> items) {
    }

    /** One ledger entry of the caller. */
    @Serdeable
    public record Entry(long id, PointsAction action, String reference, int requested, int points, boolean capped,
                        LocalDate businessDate, Instant createdAt) {
    }

    @Serdeable
    public record ActionTotal(PointsAction action, long points, long entries) {
    }

    @Serdeable
    public record DayTotal(LocalDate date, long points) {
    }

    /** The caller's history in [from, to]: a page of entries, totals per action and per day, and overall. */
    @Serdeable
    public record History(LocalDate from, LocalDate to, List<Entry> items, int page, int size, long total,
                          long points, long allTimePoints, List<ActionTotal> byAction, List<DayTotal> byDay) {
    }

    /** What to rebuild: one subtree's boards, or every board when orgId is absent. */
    @Serdeable
    public record RebuildRequest(@Nullable Long orgId) {
    }
}
