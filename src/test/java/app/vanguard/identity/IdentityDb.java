package app.vanguard.identity;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads rows the API does not show, to check what is (and is not) stored. */
@Singleton
public class IdentityDb {

    private final JdbcOperations jdbc;

    public IdentityDb(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> row(String table, long id) {
        return jdbc.prepareStatement("SELECT * FROM " + table + " WHERE id = ?", ps -> {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, Object> row = new LinkedHashMap<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                }
                return row;
            }
        });
    }

    /** Points recorded for the member, action and reference (0 when none). */
    @Transactional(readOnly = true)
    public int points(long memberId, String action, String reference) {
        return jdbc.prepareStatement("SELECT COALESCE(SUM(points), 0), COUNT(*) FROM points_entry "
                + "WHERE member_id = ? AND action = ? AND reference = ?", ps -> {
            ps.setLong(1, memberId);
            ps.setString(2, action);
            ps.setString(3, reference);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Transactional(readOnly = true)
    public int entries(long memberId, String action) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM points_entry WHERE member_id = ? AND action = ?", ps -> {
            ps.setLong(1, memberId);
            ps.setString(2, action);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
