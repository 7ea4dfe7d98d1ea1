package app.vanguard.dues;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON shapes of the dues (党费) endpoints. Money is integer fen (分); months are {@code YYYY-MM}. */
public final class DuesViews {

    static final String MONTH = "^\\d{4}-(0[1-9]|1[0-2])$";

    private DuesViews() {
    }

    /** Sets a member's monthly amount from a month on. */
    @Serdeable
    public record RateRequest(@NotNull @Min(0) @Max(100_000_000L) Long amountFen,
                              @NotNull @Pattern(regexp = MONTH) String fromMonth) {
    }

    @Serdeable
    public record RateView(long memberId, String fromMonth, long amountFen, long setBy, Instant setAt) {
    }

    /** A payment the secretary records. */
    @Serdeable
    public record PaymentRequest(@NotNull @Pattern(regexp = MONTH) String month,
                                 @NotNull @Min(1) @Max(100_000_000L) Long amountFen,
                                 @NotNull LocalDate paidOn,
                                 @NotNull PaymentMethod method,
                                 @Nullable @Size(max = 200) String note) {
    }

    @Serdeable
    public record PaymentView(long id, long memberId, long branchId, String month, long amountFen, LocalDate paidOn,
                              PaymentMethod method, @Nullable String note, @Nullable Long recordedBy,
                              Instant recordedAt) {
    }

    /** One month of a member's year: what was due and whether (and how) it was paid. */
    @Serdeable
    public record MonthView(String month, long dueFen, boolean paid, @Nullable PaymentView payment) {
    }

    /** Where a member stands on the last ended month: unpaid months, the run of them up to now, what is owed. */
    @Serdeable
    public record Standing(String asOfMonth, int monthsBehind, int consecutiveUnpaid, long owedFen,
                           @Nullable String firstUnpaidMonth, boolean flagged) {
    }

    @Serdeable
    public record MemberDues(long memberId, String name, @Nullable Long branchId, int year,
                             @Nullable Long currentAmountFen, @Nullable String startMonth, List<RateView> rates,
                             List<MonthView> months, Standing standing) {
    }

    @Serdeable
    public record MemberArrears(long memberId, String name, int monthsBehind, int consecutiveUnpaid, long owedFen,
                                String firstUnpaidMonth, boolean flagged) {
    }

    @Serdeable
    public record ArrearsFigures(int members, int membersWithRate, int membersInArrears, int monthsBehind,
                                 long owedFen, int flagged) {
    }

    @Serdeable
    public record BranchArrears(long branchId, String branchName, ArrearsFigures figures,
                                List<MemberArrears> members) {
    }

    @Serdeable
    public record ArrearsReport(long orgId, String orgName, String asOfMonth, int flagAfterMonths,
                                ArrearsFigures total, List<BranchArrears> branches) {
    }

    @Serdeable
    public record Figures(int members, int membersWithRate, long dueFen, long paidFen, int payments,
                          int membersPaidInFull) {
    }

    @Serdeable
    public record BranchFigures(long branchId, String branchName, Figures figures) {
    }

    @Serdeable
    public record FiguresReport(long orgId, String orgName, String period, LocalDate from, LocalDate to,
                                Figures total, List<BranchFigures> branches) {
    }

    @Serdeable
    public record ImportResult(int imported, List<RateView> rates) {
    }
}
