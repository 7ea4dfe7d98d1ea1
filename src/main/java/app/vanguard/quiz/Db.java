package app.vanguard.quiz;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Thin raw-SQL helpers for the quiz tables. Every call must run inside a caller's transaction. */
@Singleton
class Db {

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final JdbcOperations jdbc;

    Db(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> list = query(sql, row, args);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    long count(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    int update(String sql, Object... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /** One statement, many rows, one round trip (the driver rewrites the batch into a multi-row statement). */
    void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            for (Object[] args : rows) {
                bind(ps, args);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    long insert(String sql, Object... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql, PreparedStatement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    private Connection connection() {
        return jdbc.getConnection();
    }

    private static RuntimeException wrap(SQLException e) {
        if (e instanceof java.sql.SQLIntegrityConstraintViolationException) {
            return new Duplicate(e);
        }
        return new IllegalStateException(e.getMessage(), e);
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (a instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** A unique key was hit. */
    static final class Duplicate extends RuntimeException {
        Duplicate(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
