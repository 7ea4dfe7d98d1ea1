package app.vanguard.shared;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Sql#script}: several statements in one round trip, as the group commit's batches use it — each result to
 * its step in order, the update counts answered, and a statement MariaDB refuses failing the whole script (and, in
 * a transaction, rolling back what the earlier statements wrote).
 */
@MicronautTest(transactional = false)
class SqlScriptTest {

    @Inject
    Sql sql;

    @Inject
    TransactionOperations<Connection> transactions;

    @BeforeEach
    void table() {
        transactions.executeWrite(status -> sql.update("CREATE TABLE IF NOT EXISTS sql_script_probe "
                + "(id INT PRIMARY KEY, label VARCHAR(20) NOT NULL) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4"));
        transactions.executeWrite(status -> sql.update("DELETE FROM sql_script_probe"));
    }

    @AfterEach
    void dropTable() {
        transactions.executeWrite(status -> sql.update("DROP TABLE IF EXISTS sql_script_probe"));
    }

    @Test
    void writesAndReadsGoInOrderAndEachQueryToItsStep() {
        List<String> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        int[] counts = transactions.executeWrite(status -> sql.script(List.of(
                Sql.Step.write("INSERT INTO sql_script_probe (id, label) VALUES (?, ?), (?, ?)", 1, "一", 2, "two"),
                Sql.Step.query("SELECT label FROM sql_script_probe WHERE id = ?", rs -> first.add(rs.getString(1)), 1),
                Sql.Step.write("UPDATE sql_script_probe SET label = ? WHERE id = ?", "二", 2),
                Sql.Step.query("SELECT id FROM sql_script_probe ORDER BY id", rs -> second.add(rs.getInt(1))))));
        assertArrayEquals(new int[] {2, -1, 1, -1}, counts);
        assertEquals(List.of("一"), first);
        assertEquals(List.of(1, 2), second);
        assertEquals("二", label(2));
    }

    @Test
    void aRefusedStatementFailsTheScriptAndTheTransactionKeepsNothing() {
        transactions.executeWrite(status -> sql.update("INSERT INTO sql_script_probe (id, label) VALUES (1, 'kept')"));
        assertThrows(Sql.Duplicate.class, () -> transactions.executeWrite(status -> sql.script(List.of(
                Sql.Step.write("INSERT INTO sql_script_probe (id, label) VALUES (?, ?)", 5, "five"),
                Sql.Step.write("INSERT INTO sql_script_probe (id, label) VALUES (?, ?)", 1, "again"),
                Sql.Step.write("INSERT INTO sql_script_probe (id, label) VALUES (?, ?)", 6, "six")))));
        assertEquals(List.of("1 kept"), transactions.executeRead(status -> sql.list(
                "SELECT CONCAT(id, ' ', label) FROM sql_script_probe ORDER BY id", rs -> rs.getString(1))));
    }

    @Test
    void argumentsAreBoundNotSpliced() {
        String hostile = "x'); DROP TABLE sql_script_probe; --";
        transactions.executeWrite(status -> sql.script(List.of(
                Sql.Step.write("INSERT INTO sql_script_probe (id, label) VALUES (?, LEFT(?, 20))", 7, hostile))));
        assertEquals(hostile.substring(0, 20), label(7));
    }

    private String label(int id) {
        return transactions.executeRead(status -> sql.one("SELECT label FROM sql_script_probe WHERE id = ?",
                rs -> rs.getString(1), id)).orElseThrow();
    }

    @Test
    void anEmptyScriptSendsNothing() {
        assertArrayEquals(new int[0], sql.script(List.of()));
    }
}
