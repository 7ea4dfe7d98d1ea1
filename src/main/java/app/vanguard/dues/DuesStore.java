package app.vanguard.dues;

import app.vanguard.shared.Sql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-written SQL of dues (党费): rates and payments. Runs on the caller's transaction. */
@Singleton
public class DuesStore {

    /** A monthly amount from a month on. */
    public record Rate(long memberId, YearMonth fromMonth, long amountFen, long setBy, Instant setAt) {
    }

    /** A recorded payment. */
    public record Payment(long id, long memberId, long branchId, YearMonth month, long amountFen, LocalDate paidOn,
                          PaymentMethod method, @Nullable String note, @Nullable Long recordedBy, Instant recordedAt) {
    }

    private final Sql sql;

    public DuesStore(Sql sql) {
        this.sql = sql;
    }

    void saveRate(long memberId, YearMonth fromMonth, long amountFen, long setBy, Instant now) {
        sql.update("INSERT INTO dues_rate (member_id, from_month, amount_fen, set_by, set_at) VALUES (?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE amount_fen = VALUES(amount_fen), set_by = VALUES(set_by), "
                + "set_at = VALUES(set_at)", memberId, fromMonth.atDay(1), amountFen, setBy, now);
    }

    long insertPayment(long memberId, long branchId, YearMonth month, long amountFen, LocalDate paidOn,
                       PaymentMethod method, @Nullable String note, @Nullable Long recordedBy, Instant now) {
        return sql.insert("INSERT INTO dues_payment (member_id, branch_id, month, amount_fen, paid_on, method, note, "
                + "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", memberId, branchId, month.atDay(1),
                amountFen, paidOn, method, note, recordedBy, now);
    }

    /** Rates of the members, oldest month first. */
    public Map<Long, List<Rate>> rates(Collection<Long> memberIds) {
        Map<Long, List<Rate>> out = new HashMap<>();
        forChunks(memberIds, (in, args) -> sql.each("SELECT member_id, from_month, amount_fen, set_by, set_at "
                + "FROM dues_rate WHERE member_id IN (" + in + ") ORDER BY member_id, from_month", rs ->
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Rate(rs.getLong(1),
                        YearMonth.from(rs.getDate(2).toLocalDate()), rs.getLong(3), rs.getLong(4),
                        rs.getTimestamp(5).toInstant())), args));
        return out;
    }

    /** Every payment of the members, oldest month first. */
    public Map<Long, List<Payment>> payments(Collection<Long> memberIds) {
        Map<Long, List<Payment>> out = new HashMap<>();
        forChunks(memberIds, (in, args) -> sql.each(PAYMENT + "WHERE member_id IN (" + in + ") ORDER BY member_id, month",
                rs -> {
                    Payment p = payment(rs);
                    out.computeIfAbsent(p.memberId(), k -> new ArrayList<>()).add(p);
                }, args));
        return out;
    }

    java.util.Optional<Payment> payment(long id) {
        return sql.one(PAYMENT + "WHERE id = ?", DuesStore::payment, id);
    }

    private static final String PAYMENT = "SELECT id, member_id, branch_id, month, amount_fen, paid_on, method, note, "
            + "recorded_by, recorded_at FROM dues_payment ";

    private static Payment payment(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Payment(rs.getLong(1), rs.getLong(2), rs.getLong(3), YearMonth.from(rs.getDate(4).toLocalDate()),
                rs.getLong(5), rs.getDate(6).toLocalDate(), PaymentMethod.valueOf(rs.getString(7)), rs.getString(8),
                Sql.nullableLong(rs, "recorded_by"), rs.getTimestamp(10).toInstant());
    }

    private interface Chunk {
        void run(String placeholders, Object[] args);
    }

    private static void forChunks(Collection<Long> ids, Chunk chunk) {
        List<Long> all = List.copyOf(ids);
        for (int i = 0; i < all.size(); i += 1000) {
            List<Long> part = all.subList(i, Math.min(all.size(), i + 1000));
            chunk.run(Sql.placeholders(part), part.toArray());
        }
    }
}
