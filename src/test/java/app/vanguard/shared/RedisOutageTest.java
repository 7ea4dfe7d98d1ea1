package app.vanguard.shared;

import app.vanguard.dev.EmbeddedServers;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import app.vanguard.support.TestServers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 11: with Redis stopped, sign-in, check-in, today's reading and finishing an article each answer
 * within 1 s and record everything (points in the ledger, attendance); what has no MySQL source (a leaderboard)
 * answers 503 with Retry-After at once; when Redis is back the service recovers by itself. Stops the suite's
 * embedded Redis and always starts it again, so other test classes are unaffected.
 */
@MicronautTest(transactional = false)
class RedisOutageTest extends ApiTestBase {

    private static final long BOUND_MS = 1000;

    @Inject
    TestClock clock;

    @Inject
    io.lettuce.core.api.StatefulRedisConnection<String, String> redis;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void servesWithinASecondAndLosesNothingWhileRedisIsDown() throws Exception {
        EmbeddedServers servers = TestServers.embedded().orElse(null);
        Assumptions.assumeTrue(servers != null, "needs the embedded Redis it can stop");
        String admin = fixtures.token(fixtures.systemAdmin());
        Api.Response imported = api().send("POST", "/reading/documents/import?key=outage-" + System.nanoTime()
                        + "&kind=CONSTITUTION", admin, "text/plain; charset=utf-8",
                "# 测试读本\n\n## 第一章　总则\n\n第一条　党员应当每天完成阅读。\n\n第二条　阅读应当逐字逐句。\n", Map.of());
        assertEquals(201, imported.status(), imported::toString);
        long documentId = imported.json().get("documentId").asLong();
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Member secretaryMember = fixtures.secretary(branch);
        String secretary = fixtures.token(secretaryMember);
        Member member = fixtures.member(branch);
        Instant start = TestDates.at(0, 10, 0);
        clock.set(start.minus(Duration.ofMinutes(10)));
        assertEquals(200, api().put("/orgs/" + committee.id() + "/reading-plan", admin, Map.of("documentIds",
                List.of(documentId), "articlesPerDay", 1, "startDate", TestDates.today().toString())).status());
        Api.Response meeting = api().post("/branches/" + branch.id() + "/meetings", secretary, Map.of(
                "type", "THEMED_PARTY_DAY", "topic", "学习党章", "place", "党群服务中心",
                "startsAt", start.toString(), "endsAt", start.plusSeconds(5400).toString()));
        assertEquals(201, meeting.status(), meeting::toString);
        long meetingId = meeting.json().get("id").asLong();
        String code = api().get("/meetings/" + meetingId + "/code", secretary).json().get("code").asText();
        // Boards work before the outage, once any rebuild an earlier test class left running has finished (503
        // LEADERBOARD_REBUILDING meanwhile).
        Api.Response boards = api().get("/leaderboards/" + branch.id(), secretary);
        for (long deadline = System.currentTimeMillis() + 60_000; boards.status() == 503
                && System.currentTimeMillis() < deadline; ) {
            Thread.sleep(200);
            boards = api().get("/leaderboards/" + branch.id(), secretary);
        }
        assertEquals(200, boards.status(), "boards work before: " + boards);

        // Warm the sign-in path (first use in this context) while Redis is up, so the bound measures the outage.
        assertEquals(200, api().post("/auth/login", null, Map.of("phone", member.phone(), "password",
                Fixtures.PASSWORD)).status());

        servers.stopRedis();
        // Measure from when the service has seen the connection drop (at once for a stopped server).
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (redis.isOpen() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        try {
            Api.Response login = timed("sign-in", () -> api().post("/auth/login", null,
                    Map.of("phone", member.phone(), "password", Fixtures.PASSWORD)));
            assertEquals(200, login.status(), login::toString);
            String token = login.json().get("accessToken").asText();

            Api.Response today = timed("today", () -> api().get("/reading/today", token));
            assertEquals(200, today.status(), today::toString);
            long articleId = today.json().path("articles").get(0).get("id").asLong();

            Api.Response checkIn = timed("check-in", () -> api().post("/meetings/" + meetingId + "/check-in", token,
                    Map.of("code", code)));
            assertEquals(201, checkIn.status(), checkIn::toString);

            Api.Response opened = timed("open", () -> api().post("/reading/articles/" + articleId + "/open", token, null));
            assertEquals(201, opened.status(), opened::toString);
            clock.advance(Duration.ofSeconds(30));
            Api.Response finished = timed("finish", () -> api().post("/reading/sessions/"
                    + opened.json().get("sessionId").asLong() + "/finish", token, null));
            assertEquals(200, finished.status(), finished::toString);
            assertEquals(2, finished.json().get("points").asInt());
            assertTrue(finished.json().get("dayDone").asBoolean());

            // No MySQL source: 503 with Retry-After, at once (many times, to be sure the breaker fails fast).
            for (int i = 0; i < 20; i++) {
                Api.Response board = timed("leaderboard", () -> api().get("/leaderboards/" + branch.id(), token));
                assertEquals(503, board.status(), board::toString);
                assertEquals("SERVICE_UNAVAILABLE", board.code());
                assertTrue(board.header("Retry-After").isPresent());
            }
        } finally {
            servers.startRedis();
        }

        // Nothing recorded was lost: both awards are in the ledger, the attendance is in the meeting's list.
        Api.Response points = api().get("/me/points", fixtures.token(member));
        assertEquals(200, points.status(), points::toString);
        String history = points.body();
        assertTrue(history.contains("READING") && history.contains("CHECK_IN"), history);
        Api.Response attendance = api().get("/meetings/" + meetingId + "/attendance", secretary);
        assertTrue(attendance.body().contains("\"memberId\":" + member.id()), attendance::toString);

        // Recovery without a restart: the boards answer again once Redis is back.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = api().get("/leaderboards/" + branch.id(), secretary).status();
            if (status == 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(200, status, "boards recover when Redis is back");
    }

    private static Api.Response timed(String what, Supplier<Api.Response> call) {
        long started = System.nanoTime();
        Api.Response response = call.get();
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms < BOUND_MS, what + " took " + ms + " ms with Redis down: " + response);
        return response;
    }
}
