package app.vanguard.shared;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one SQL helper: plain statements on the connection of the caller's transaction (or {@code @Connectable}).
 * Stores ({@code *Store} classes of each feature) use it; services and controllers never hold SQL.
 * A unique or foreign key that refuses a write surfaces as {@link Duplicate} (the one duplicate-key exception).
 */
@Singleton
public class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Consumes the current row of a result set. */
    @FunctionalInterface
    public interface Each {
        void accept(ResultSet rs) throws SQLException;
    }

    private final JdbcOperations jdbc;

    public Sql(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** "?, ?, ?" for an IN list of the values (callers check the list is not empty). */
    public static String placeholders(java.util.Collection<?> values) {
        return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    }

    public <T> List<T> list(String sql, Row<T> row, Object... args) {
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
            throw wrap(e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> rows = list(sql, row, args);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /**
     * Rows as maps for a personal-data export: column labels in camelCase; {@code *_at_ms} epoch columns and DATETIME
     * columns as Asia/Shanghai times with offset (the {@code Ms} dropped from the name), DATE columns as dates.
     */
    public List<Map<String, Object>> rows(String sql, Object... args) {
        return list(sql, rs -> {
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String label = meta.getColumnLabel(i);
                Object value = rs.getObject(i);
                if (label.endsWith("_at_ms")) {
                    label = label.substring(0, label.length() - 3);
                    value = value == null ? null : ShanghaiTime.format(((Number) value).longValue());
                } else if (value instanceof java.sql.Timestamp || value instanceof java.time.LocalDateTime) {
                    value = ShanghaiTime.format(instant(rs, meta.getColumnLabel(i)));
                } else if (value instanceof java.sql.Date date) {
                    value = date.toLocalDate().toString();
                } else if (value instanceof java.time.LocalDate date) {
                    value = date.toString();
                }
                row.put(camel(label), value);
            }
            return row;
        }, args);
    }

    private static String camel(String label) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : label.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }

    /** Hands each row to {@code row} without collecting them (state kept by the caller, e.g. running totals). */
    public void each(String sql, Each row, Object... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    public long count(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    public int update(String sql, Object... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /** Inserts one row and answers its generated key; 0 when nothing was inserted (INSERT IGNORE). */
    public long insert(String sql, Object... args) {
        try (PreparedStatement ps = connection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            if (ps.executeUpdate() == 0) {
                return 0;
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /**
     * One multi-row INSERT written out as such ({@code head} ends with VALUES; one "(?, ...)" per row, then
     * {@code tail}, e.g. an ON DUPLICATE KEY UPDATE clause): answers the rows affected.
     */
    public int insertRows(String head, List<Object[]> rows, String tail) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = connection().prepareStatement(multiRow(head, rows, tail))) {
            bind(ps, flatten(rows));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /**
     * One multi-row INSERT ({@code head} ends with VALUES) that must insert every row: answers their generated keys in
     * row order. A unique key refusing any row throws {@link Duplicate} and inserts none.
     */
    public long[] insertRowsReturningKeys(String head, List<Object[]> rows) {
        long[] ids = new long[rows.size()];
        if (rows.isEmpty()) {
            return ids;
        }
        try (PreparedStatement ps = connection().prepareStatement(multiRow(head, rows, ""),
                Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, flatten(rows));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                for (int i = 0; i < ids.length; i++) {
                    if (!keys.next()) {
                        throw new IllegalStateException("multi-row insert answered " + i + " keys for " + ids.length);
                    }
                    ids[i] = keys.getLong(1);
                }
            }
            return ids;
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    private static String multiRow(String head, List<Object[]> rows, String tail) {
        String group = "(" + String.join(", ", java.util.Collections.nCopies(rows.get(0).length, "?")) + ")";
        return head + " " + String.join(", ", java.util.Collections.nCopies(rows.size(), group)) + " " + tail;
    }

    private static Object[] flatten(List<Object[]> rows) {
        List<Object> all = new java.util.ArrayList<>(rows.size() * rows.get(0).length);
        for (Object[] row : rows) {
            all.addAll(java.util.Arrays.asList(row));
        }
        return all.toArray();
    }

    /** One statement, many rows, one round trip (the driver rewrites the batch into a multi-row statement). */
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            for (Object[] args : rows) {
                bind(ps, args);
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /**
     * One statement of a {@link #script}: its SQL, what to do with its rows ({@code null} for a write) and its
     * arguments.
     */
    public record Step(String sql, @io.micronaut.core.annotation.Nullable Each rows, Object... args) {
        public static Step query(String sql, Each rows, Object... args) {
            return new Step(sql, rows, args);
        }

        public static Step write(String sql, Object... args) {
            return new Step(sql, null, args);
        }

        /** A multi-row INSERT written out as {@link #insertRows} writes it (rows not empty). */
        public static Step insertRows(String head, List<Object[]> rows, String tail) {
            return write(multiRow(head, rows, tail), flatten(rows));
        }
    }

    /**
     * Several statements in one round trip (the driver's {@code allowMultiQueries}): the hot paths' batches send
     * their independent reads together and their writes together instead of one round trip each (bench/: a round
     * trip costs ~1–2 ms while MariaDB shares the cores). Run in order; each query's rows go to its step; answers
     * each step's update count (−1 for a query). The first statement MariaDB refuses stops the rest and throws as
     * any statement does ({@link Duplicate} for a key). Statements only from code, never from input: arguments are
     * bound as always.
     */
    public int[] script(List<Step> steps) {
        int[] counts = new int[steps.size()];
        if (steps.isEmpty()) {
            return counts;
        }
        StringBuilder text = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Step step : steps) {
            if (text.length() > 0) {
                text.append(";\n");
            }
            text.append(step.sql());
            args.addAll(java.util.Arrays.asList(step.args()));
        }
        try (PreparedStatement ps = connection().prepareStatement(text.toString())) {
            bind(ps, args.toArray());
            boolean isQuery = ps.execute();
            for (int i = 0; i < steps.size(); i++) {
                if (isQuery) {
                    try (ResultSet rs = ps.getResultSet()) {
                        Each rows = steps.get(i).rows();
                        while (rs.next()) {
                            if (rows != null) {
                                rows.accept(rs);
                            }
                        }
                    }
                    counts[i] = -1;
                } else {
                    counts[i] = ps.getUpdateCount();
                }
                isQuery = ps.getMoreResults();
            }
            return counts;
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    private Connection connection() {
        return jdbc.getConnection();
    }

    private static RuntimeException wrap(SQLException e) {
        if (isDuplicate(e)) {
            return new Duplicate(e);
        }
        if (DatabaseUnavailable.is(e)) {
            return new io.micronaut.data.exceptions.DataAccessResourceFailureException(e.getMessage(), e);
        }
        return new IllegalStateException(e.getMessage(), e);
    }

    /** True when the exception (or one it wraps) is InnoDB rolling the transaction back (a deadlock victim). */
    public static boolean isRolledBack(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransactionRollbackException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs an UPDATE or DELETE (without LIMIT) over and over with {@code LIMIT batchSize} until a round touches fewer
     * rows: the retention rules' bounded statements, each committing by itself under the caller's connection (no long
     * transaction, no locks held between rounds). Answers the rows touched in all.
     */
    public int updateInBatches(String sql, int batchSize, Object... args) {
        String bounded = sql + " LIMIT " + batchSize;
        int total = 0;
        int touched;
        do {
            touched = update(bounded, args);
            total += touched;
        } while (touched >= batchSize);
        return total;
    }

    /**
     * Runs a whole transaction again (at most {@code attempts} times in all) when InnoDB rolls it back as a deadlock
     * victim: for idempotent background passes that several instances run at once (the reminder jobs: two passes
     * writing the same notices in different key orders may deadlock, and the loser's next attempt finds them told).
     */
    public static <T> T retryRolledBack(int attempts, java.util.function.Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isRolledBack(e)) {
                    throw e;
                }
            }
        }
    }

    /** True when the exception (or one it wraps) is a unique/foreign key refusing the write. */
    public static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException || t instanceof Duplicate) {
                return true;
            }
        }
        return false;
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (a instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else if (a instanceof LocalDate d) {
                ps.setDate(i + 1, java.sql.Date.valueOf(d));
            } else if (a instanceof Instant t) {
                ps.setTimestamp(i + 1, Timestamp.from(t));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** A unique (or foreign) key refused the write. */
    public static final class Duplicate extends RuntimeException {
        public Duplicate(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
