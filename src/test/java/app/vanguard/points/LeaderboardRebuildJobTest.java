package app.vanguard.points;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.shared.BusinessTime;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin's rebuild answers 202 at once with a RUNNING job and its Location; the job then reads DONE with what it
 * rebuilt, and every board of the subtree (all periods, every level) equals the ledger again, ties included.
 */
@MicronautTest(transactional = false)
class LeaderboardRebuildJobTest extends ApiTestBase {

    @Inject
    PointsService points;

    @Inject
    LedgerTruth truth;

    @Inject
    Boards boards;

    /** Frozen for the test, so the ledger's day and the boards' day stay one day even across Shanghai midnight. */
    @Inject
    app.vanguard.support.TestClock clock;

    @Inject
    BoardSync boardSync;

    /** Starts from settled boards, whatever an earlier test of this JVM left running. */
    @org.junit.jupiter.api.BeforeEach
    void settled() {
        Rebuilds.awaitSettled(boards, boardSync);
    }

    private List<long[]> board(Organisation org, Period period, String token) {
        Api.Response response = api().get("/leaderboards/" + org.id() + "?period=" + period + "&top=100", token);
        assertEquals(200, response.status(), response::toString);
        List<long[]> rows = new ArrayList<>();
        response.json().path("items").forEach(i -> rows.add(new long[]{i.path("memberId").asLong(), i.path("points").asLong()}));
        return rows;
    }

    @Test
    void startAnswers202WithTheJobThenTheJobEndsDoneAndTheBoardsEqualTheLedger() {
        clock.set(clock.instant());
        try {
            startsAndEndsDone();
        } finally {
            clock.reset();
        }
    }

    private void startsAndEndsDone() {
        Organisation committee = fixtures.committee();
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        List<Organisation> branches = List.of(fixtures.branch(general), fixtures.branch(general), fixtures.branch(committee));
        Random random = new Random(5);
        for (int i = 0; i < 15; i++) {
            Member m = fixtures.member(branches.get(i % 3));
            for (int k = 0; k < 3; k++) {
                // Many equal totals: ties go to whoever reached them first, then the lower member id.
                points.award(m.id(), PointsAction.CONTEST, "contest:" + k, 5 * random.nextInt(3));
            }
        }
        // Wrong boards to repair: a stranger on top of the committee's week.
        Member stranger = fixtures.member(fixtures.branch(committee));
        LocalDate today = app.vanguard.shared.BusinessTime.today(clock);
        boards.apply(List.of(new Boards.Update(BoardSync.board(committee.id(), Period.WEEK, today), stranger.id(), 999, 1, 0)));
        String admin = fixtures.token(fixtures.orgAdmin(committee));

        Instant before = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Api.Response started = Rebuilds.startWhenFree(api(), admin, committee.id());
        String location = Rebuilds.location(started);
        JsonNode job = started.json();
        assertEquals("/admin/leaderboards/rebuilds/" + job.path("id").asText(), location);
        assertEquals(committee.id(), job.path("orgId").asLong());
        assertEquals("RUNNING", job.path("state").asText());
        assertFalse(Instant.parse(job.path("startedAt").asText()).isBefore(before), job::toString);
        assertFalse(job.has("finishedAt"), job::toString);
        assertFalse(job.has("error"), job::toString);

        JsonNode done = Rebuilds.awaitEnd(api(), admin, location);
        assertEquals("DONE", done.path("state").asText(), done::toString);
        assertEquals(job.path("id").asText(), done.path("id").asText());
        assertFalse(Instant.parse(done.path("finishedAt").asText()).isBefore(Instant.parse(done.path("startedAt").asText())));
        assertEquals(truth.ranking(committee, null, null).size(), done.path("members").asInt(), done::toString);
        assertTrue(done.path("boards").asInt() >= 5 * 4, "committee, general branch, 3 branches × at least 4 periods");
        assertFalse(done.has("error"), done::toString);

        List<Organisation> orgs = new ArrayList<>(List.of(committee, general));
        orgs.addAll(branches);
        for (Organisation org : orgs) {
            for (Period period : Period.values()) {
                List<long[]> expected = period == Period.ALL ? truth.ranking(org, null, null)
                        : truth.ranking(org, period.start(today), period.end(today));
                List<long[]> actual = board(org, period, admin);
                assertEquals(expected.size(), actual.size(), org.id() + " " + period + ": size");
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i)[0], actual.get(i)[0], org.id() + " " + period + ": member at rank " + (i + 1));
                    assertEquals(expected.get(i)[1], actual.get(i)[1], org.id() + " " + period + ": points at rank " + (i + 1));
                }
            }
        }
        // The job stays readable after it ended, unchanged.
        assertEquals(done, api().get(location, admin).json());
    }

    @Test
    void anUnknownJobIsNotFound() {
        String token = fixtures.token(fixtures.systemAdmin());
        for (String id : new String[]{"00000000-0000-0000-0000-000000000000", "not-a-job", "..%2F..%2Fw"}) {
            Api.Response response = api().get("/admin/leaderboards/rebuilds/" + id, token);
            assertEquals(404, response.status(), id + ": " + response);
            assertEquals("NOT_FOUND", response.code());
        }
    }
}
