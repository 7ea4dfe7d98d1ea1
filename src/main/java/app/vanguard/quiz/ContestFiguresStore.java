package app.vanguard.quiz;

import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Contest figures other features read (the committee's dashboard). Runs on the caller's transaction or connection. */
@Singleton
public class ContestFiguresStore {

    private final Sql sql;

    public ContestFiguresStore(Sql sql) {
        this.sql = sql;
    }

    /** Per member who took part: the distinct contests they started an attempt in during [fromMs, toMs). */
    public Map<Long, Integer> contestsEntered(Collection<Long> memberIds, long fromMs, long toMs) {
        Map<Long, Integer> out = new HashMap<>();
        List<Long> all = List.copyOf(memberIds);
        for (int i = 0; i < all.size(); i += 1000) {
            List<Long> part = all.subList(i, Math.min(all.size(), i + 1000));
            List<Object> args = new ArrayList<>(part);
            args.add(fromMs);
            args.add(toMs);
            sql.each("SELECT member_id, COUNT(DISTINCT contest_id) FROM quiz_attempt WHERE member_id IN ("
                    + Sql.placeholders(part) + ") AND started_at_ms >= ? AND started_at_ms < ? GROUP BY member_id",
                    rs -> out.put(rs.getLong(1), rs.getInt(2)), args.toArray());
        }
        return out;
    }
}
