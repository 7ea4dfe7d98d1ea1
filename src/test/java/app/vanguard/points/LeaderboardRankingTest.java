package app.vanguard.points;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Boards rank by points in the period, ties go to whoever reached the score first, every ancestor organisation's
 * board includes its branches' members, "me" shows rank and neighbours, and branches compare by points per member.
 */
@MicronautTest(transactional = false)
class LeaderboardRankingTest extends ApiTestBase {

    // The base month's last Sunday, the Tuesday before it (10:00 in Shanghai) and the next month's first day, which
    // always falls in the ISO week after that Sunday.
    private static final LocalDate LAST_SUNDAY = TestDates.month().atEndOfMonth()
            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.SUNDAY));
    private static final LocalDate TUESDAY_DATE = LAST_SUNDAY.minusDays(5);
    private static final LocalDate NEXT_MONTH = TestDates.month().plusMonths(1).atDay(1);
    private static final Instant TUESDAY = TestDates.at(TUESDAY_DATE, 10, 0);

    @Inject
    PointsService points;

    @Inject
    TestClock clock;

    @Inject
    LedgerTruth truth;

    private Organisation committee;
    private Organisation general;
    private Organisation branch;

    @BeforeEach
    void setUp() {
        clock.set(TUESDAY);
        committee = fixtures.committee();
        general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        branch = fixtures.branch(general);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private List<Long> ids(JsonNode items) {
        List<Long> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.path("memberId").asLong()));
        return ids;
    }

    @Test
    void equalPointsRankWhoeverReachedThemFirst() {
        Member a = fixtures.member(branch);
        Member b = fixtures.member(branch);
        Member c = fixtures.member(branch);
        points.award(b.id(), PointsAction.CONTEST, "contest:1", 30);
        clock.advance(Duration.ofMillis(1));
        points.award(a.id(), PointsAction.CONTEST, "contest:1", 30);
        clock.advance(Duration.ofSeconds(1));
        points.award(c.id(), PointsAction.CONTEST, "contest:1", 20);
        String token = fixtures.token(a);

        Api.Response board = api().get("/leaderboards/" + branch.id() + "?period=DAY", token);
        assertEquals(200, board.status(), board::toString);
        assertEquals(List.of(b.id(), a.id(), c.id()), ids(board.json().path("items")), "b reached 30 a millisecond before a");
        assertEquals(3, board.json().path("size").asLong());
        assertEquals(30, board.json().path("items").get(0).path("points").asLong());
        assertEquals(branch.id(), board.json().path("items").get(0).path("branchId").asLong());
        assertEquals(TUESDAY_DATE.toString(), board.json().path("start").asText());

        // c overtakes with 15 more (35), then a reaches 35 later: c stays ahead.
        clock.advance(Duration.ofSeconds(1));
        points.award(c.id(), PointsAction.CHECK_IN, "meeting:1", 10);
        points.award(c.id(), PointsAction.READING, "article:1", 5);
        clock.advance(Duration.ofSeconds(1));
        points.award(a.id(), PointsAction.READING, "article:1", 5);
        board = api().get("/leaderboards/" + branch.id() + "?period=ALL", token);
        assertEquals(List.of(c.id(), a.id(), b.id()), ids(board.json().path("items")));
        assertEquals(truth.ranking(branch, null, null).stream().map(r -> r[0]).toList(), ids(board.json().path("items")));
        assertFalse(board.json().has("start"), "ALL has no start");
    }

    @Test
    void ancestorBoardsIncludeEveryBranchBelow() {
        Organisation other = fixtures.branch(committee);
        Member here = fixtures.member(branch);
        Member there = fixtures.member(other);
        points.award(here.id(), PointsAction.CONTEST, "contest:1", 40);
        points.award(there.id(), PointsAction.CONTEST, "contest:1", 50);

        String token = fixtures.token(here);
        assertEquals(List.of(there.id(), here.id()),
                ids(api().get("/leaderboards/" + committee.id() + "?period=WEEK", token).json().path("items")));
        assertEquals(List.of(here.id()),
                ids(api().get("/leaderboards/" + general.id() + "?period=MONTH", token).json().path("items")));
        JsonNode top = api().get("/leaderboards/" + committee.id() + "?period=ALL&top=1", token).json();
        assertEquals(1, top.path("items").size());
        assertEquals(2, top.path("size").asLong());
    }

    @Test
    void periodsSplitByShanghaiDayIsoWeekAndMonth() {
        Member m = fixtures.member(branch);
        String token = fixtures.token(m);
        points.award(m.id(), PointsAction.CONTEST, "contest:mon", 10);             // the Tuesday
        clock.set(TestDates.at(LAST_SUNDAY, 23, 59));                              // that Sunday 23:59 Shanghai
        points.award(m.id(), PointsAction.CONTEST, "contest:sun", 20);
        clock.set(TestDates.at(NEXT_MONTH, 0, 0));                                 // the next month's first 00:00
        points.award(m.id(), PointsAction.CONTEST, "contest:dec", 40);

        String base = "/leaderboards/" + branch.id() + "/me";
        assertEquals(40, api().get(base + "?period=DAY", token).json().path("points").asLong());
        assertEquals(30, api().get(base + "?period=WEEK&date=" + TUESDAY_DATE, token).json().path("points").asLong());
        assertEquals(40, api().get(base + "?period=WEEK", token).json().path("points").asLong(), "the week of the next month's first day");
        assertEquals(30, api().get(base + "?period=MONTH&date=" + TestDates.month().atDay(1), token).json().path("points").asLong());
        assertEquals(20, api().get(base + "?period=DAY&date=" + LAST_SUNDAY, token).json().path("points").asLong());
        assertEquals(70, api().get(base + "?period=ALL", token).json().path("points").asLong());
        JsonNode week = api().get(base + "?period=WEEK&date=" + TUESDAY_DATE.plusDays(2), token).json();
        assertEquals(LAST_SUNDAY.minusDays(6).toString(), week.path("start").asText());
        assertEquals(LAST_SUNDAY.toString(), week.path("end").asText());
    }

    @Test
    void meShowsRankPointsAndNeighbours() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Member m = fixtures.member(branch);
            members.add(m);
            points.award(m.id(), PointsAction.CONTEST, "contest:1", 60 - i * 10);   // 60, 50, 40, 30, 20, 10
        }
        Member nobody = fixtures.member(branch);
        JsonNode me = api().get("/leaderboards/" + branch.id() + "/me?period=WEEK&neighbours=2",
                fixtures.token(members.get(3))).json();
        assertEquals(4, me.path("rank").asLong());
        assertEquals(30, me.path("points").asLong());
        assertEquals(6, me.path("size").asLong());
        assertEquals(List.of(members.get(1).id(), members.get(2).id()), ids(me.path("above")));
        assertEquals(List.of(members.get(4).id(), members.get(5).id()), ids(me.path("below")));
        assertEquals(2, me.path("above").get(0).path("rank").asLong());

        JsonNode first = api().get("/leaderboards/" + branch.id() + "/me?neighbours=1", fixtures.token(members.get(0))).json();
        assertEquals(1, first.path("rank").asLong());
        assertEquals(0, first.path("above").size());
        assertEquals(List.of(members.get(1).id()), ids(first.path("below")));

        JsonNode none = api().get("/leaderboards/" + branch.id() + "/me", fixtures.token(nobody)).json();
        assertTrue(none.path("rank").isNull(), "unranked: rank null");
        assertEquals(0, none.path("points").asLong());
    }

    @Test
    void branchesCompareByPointsPerMember() {
        Organisation big = fixtures.branch(committee);
        Organisation small = fixtures.branch(committee);
        List<Member> bigMembers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bigMembers.add(fixtures.member(big));
        }
        Member lone = fixtures.member(small);
        for (Member m : bigMembers) {
            points.award(m.id(), PointsAction.CONTEST, "contest:1", 10);          // 40 points, 4 members: 10 each
        }
        points.award(lone.id(), PointsAction.CONTEST, "contest:1", 25);           // 25 points, 1 member: 25 each

        Api.Response ranking = api().get("/orgs/" + committee.id() + "/branch-ranking?period=MONTH",
                fixtures.token(fixtures.orgAdmin(committee)));
        assertEquals(200, ranking.status(), ranking::toString);
        JsonNode items = ranking.json().path("items");
        assertEquals(3, items.size(), "every branch of the subtree, including one without points");
        assertEquals(small.id(), items.get(0).path("branchId").asLong());
        assertEquals(25.0, items.get(0).path("pointsPerMember").asDouble());
        assertEquals(big.id(), items.get(1).path("branchId").asLong());
        assertEquals(40, items.get(1).path("points").asLong());
        assertEquals(4, items.get(1).path("members").asLong());
        assertEquals(10.0, items.get(1).path("pointsPerMember").asDouble());
        assertEquals(branch.id(), items.get(2).path("branchId").asLong());
        assertEquals(3, items.get(2).path("rank").asLong());
    }

    @Test
    void repeatedAndCappedAwardsMoveTheBoardOnlyByWhatTheLedgerRecorded() throws Exception {
        Member m = fixtures.member(branch);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<PointsAward>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int n = i;
            results.add(pool.submit(() -> points.award(m.id(), PointsAction.CHECK_IN, "meeting:7", 5)));
            results.add(pool.submit(() -> points.award(m.id(), PointsAction.READING, "article:" + (n % 4), 5)));
        }
        for (var r : results) {
            r.get();
        }
        pool.shutdown();
        // CHECK_IN once (5) + READING 4 distinct articles of 5 capped at 12 = 17.
        JsonNode me = api().get("/leaderboards/" + committee.id() + "/me?period=DAY", fixtures.token(m)).json();
        assertEquals(17, me.path("points").asLong());
        assertTrue(me.path("rank").asLong() >= 1);
        assertEquals(17, truth.ranking(committee, TUESDAY_DATE, TUESDAY_DATE).get(0)[1]);
    }
}
