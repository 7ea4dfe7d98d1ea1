package app.vanguard.contract;

import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Spec;
import app.vanguard.support.SpecCalls;
import app.vanguard.support.SpecWorld;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every operation of api-spec/openapi.yaml × every kind of caller (issue 15, item 14), against the checked-in table
 * src/test/resources/access-matrix.tsv: the status each caller gets for a plausible request in a {@link SpecWorld}
 * (branch A's subject, meeting, declaration, contest attempt, …). An operation without a row fails the build with
 * the row to review and add; a status that differs from the table fails it too.
 * <p>
 * Besides the table: no caller ever gets a 5xx, and no caller other than the system admin and the roles the table
 * marks may get a 2xx from an operation anonymous callers cannot use. Run with {@code -Daccess.matrix.record=true}
 * to write the observed table to target/access-matrix.tsv (review every line before copying it over).
 */
@MicronautTest(transactional = false)
class AccessMatrixTest extends ApiTestBase {

    private static final Path TABLE = Path.of("src/test/resources/access-matrix.tsv");
    /** Calls that end the caller's own session or credentials run after all the others. */
    private static final Set<String> LAST = Set.of("POST /me/password", "POST /auth/logout", "DELETE /me/wechat",
            "POST /auth/refresh", "POST /auth/login", "POST /auth/wechat/login", "POST /auth/wechat/bind");

    @Test
    void everyOperationAnswersEveryCallerAsTheTableSays() {
        Spec spec = Spec.load();
        SpecWorld world = new SpecWorld(api(), fixtures);
        SpecCalls calls = new SpecCalls(spec, world);
        List<Spec.Operation> operations = new ArrayList<>(spec.operations());
        operations.sort(Comparator.comparing((Spec.Operation op) -> LAST.contains(op.key()))
                .thenComparing(op -> op.method().equals("DELETE")));

        Map<String, Map<String, Integer>> observed = new LinkedHashMap<>();
        operations.forEach(op -> observed.put(op.key(), new LinkedHashMap<>()));
        List<String> failures = new ArrayList<>();
        for (String caller : SpecWorld.CALLERS) {
            String token = world.tokens.get(caller);
            for (Spec.Operation op : operations) {
                Api.Response response = calls.call(op, token);
                observed.get(op.key()).put(caller, response.status());
                if (response.status() >= 500) {
                    failures.add(op.key() + " as " + caller + " answered " + response);
                }
            }
        }

        Map<String, List<String>> table = readTable();
        List<String> missing = new ArrayList<>();
        for (Spec.Operation op : spec.operations()) {
            String row = row(op.key(), observed.get(op.key()));
            List<String> expected = table.get(op.key());
            if (expected == null) {
                missing.add(row);
                continue;
            }
            List<String> actual = List.of(row.split("\t"));
            for (int i = 0; i < SpecWorld.CALLERS.size(); i++) {
                if (!expected.get(i + 1).equals(actual.get(i + 1))) {
                    failures.add(op.key() + " as " + SpecWorld.CALLERS.get(i) + ": expected " + expected.get(i + 1)
                            + ", got " + actual.get(i + 1));
                }
            }
        }
        Set<String> inSpec = observed.keySet();
        table.keySet().stream().filter(k -> !inSpec.contains(k))
                .forEach(k -> failures.add("the table has a row for " + k + ", which api-spec does not have"));

        if (Boolean.getBoolean("access.matrix.record")) {
            StringBuilder out = new StringBuilder(header());
            spec.operations().forEach(op -> out.append(row(op.key(), observed.get(op.key()))).append('\n'));
            write(Path.of("target/access-matrix.tsv"), out.toString());
        }
        if (!missing.isEmpty()) {
            failures.add("operations without a row in " + TABLE + " (review, then add):\n" + String.join("\n", missing));
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " access-matrix failures:\n" + String.join("\n", failures));
        }
    }

    private static String header() {
        return "# operation\t" + String.join("\t", SpecWorld.CALLERS) + "\n";
    }

    private static String row(String key, Map<String, Integer> statuses) {
        StringBuilder sb = new StringBuilder(key);
        SpecWorld.CALLERS.forEach(c -> sb.append('\t').append(statuses.get(c)));
        return sb.toString();
    }

    private static Map<String, List<String>> readTable() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        if (!Files.exists(TABLE)) {
            return table;
        }
        try {
            for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = List.of(line.split("\t"));
                table.put(cells.get(0), cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    private static void write(Path path, String text) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
