package app.vanguard.support;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small world the generated contract tests call every operation in: committee C with branches A and B, committee
 * D with branch E, ten callers (anonymous and nine roles, see {@link #CALLERS}), and in branch A a subject member
 * with a meeting, a leave request, a declaration, a contest attempt, a reading session and a note. Path parameters
 * the world has an object for get its id; the rest get an id nothing has (those rows show what an unknown id gives).
 */
public final class SpecWorld {

    /** The callers, least privileged first (the order they are run in). */
    public static final List<String> CALLERS = List.of("anonymous", "disabled-member", "pending-registrant", "member",
            "other-secretary", "other-admin", "branch-committee", "secretary", "org-admin", "system-admin");

    public static final String UNKNOWN_ID = "987654321";

    private final Api api;
    public final Organisation committee;
    public final Organisation branch;
    public final Organisation otherBranch;
    public final Organisation otherCommittee;
    public final Member subject;
    public final String subjectToken;
    public final Map<String, String> tokens = new LinkedHashMap<>();
    /** The member behind each caller but anonymous (for a fresh token after a call that ends the old one). */
    public final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, String> ids = new LinkedHashMap<>();

    public SpecWorld(Api api, Fixtures fixtures) {
        this.api = api;
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        otherBranch = fixtures.branch(committee);
        otherCommittee = fixtures.committee();
        Organisation farBranch = fixtures.branch(otherCommittee);
        subject = fixtures.member(branch);
        subjectToken = fixtures.token(subject);

        members.put("system-admin", fixtures.systemAdmin());
        members.put("secretary", fixtures.secretary(branch));
        members.put("org-admin", fixtures.orgAdmin(committee));
        String admin = fixtures.token(members.get("system-admin"));
        String secretary = fixtures.token(members.get("secretary"));
        String orgAdmin = fixtures.token(members.get("org-admin"));
        Member disabled = fixtures.member(branch);
        members.put("disabled-member", disabled);
        String disabledToken = fixtures.token(disabled);
        Api.Response disabling = api.post("/branches/" + branch.id() + "/members/" + disabled.id() + "/disable",
                admin, null);
        assertEquals(200, disabling.status(), disabling::toString);

        tokens.put("anonymous", null);
        tokens.put("disabled-member", disabledToken);
        members.put("pending-registrant", fixtures.member(null));
        members.put("member", fixtures.member(branch));
        members.put("other-secretary", fixtures.secretary(otherBranch));
        members.put("other-admin", fixtures.orgAdmin(otherCommittee));
        members.put("branch-committee", fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER, branch));
        for (String caller : List.of("pending-registrant", "member", "other-secretary", "other-admin",
                "branch-committee")) {
            tokens.put(caller, fixtures.token(members.get(caller)));
        }
        tokens.put("secretary", secretary);
        tokens.put("org-admin", orgAdmin);
        tokens.put("system-admin", admin);
        fixtures.member(farBranch);

        ids.put("orgId", Long.toString(committee.id()));
        ids.put("branchId", Long.toString(branch.id()));
        ids.put("memberId", Long.toString(subject.id()));
        ids.put("year", Integer.toString(TestDates.year()));
        ids.put("role", "COMMITTEE_MEMBER");
        ids.put("position", "1");
        ids.put("number", "1");
        ids.put("cycle", "1");
        ids.put("id", UUID.randomUUID().toString());
        ids.put("token", "no-such-badge-token");

        // 三会一课: a meeting in branch A in two days, and the subject's leave request for it.
        long startsAt = TestDates.nowMillis() + 2 * 86_400_000L;
        JsonNode meeting = created(api.post("/branches/" + branch.id() + "/meetings", secretary, Map.of(
                "type", "PARTY_LESSON", "topic", "学习党章", "place", "党群服务中心",
                "startsAt", TestDates.iso(startsAt), "endsAt", TestDates.iso(startsAt + 5_400_000L))));
        ids.put("meetingId", meeting.get("id").asText());
        JsonNode leave = created(api.post("/meetings/" + meeting.get("id").asText() + "/leave", subjectToken,
                Map.of("reason", "出差在外")));
        ids.put("leaveId", leave.get("id").asText());

        // 亮身份: the subject's declaration to branch A.
        JsonNode declaration = created(api.post("/me/declarations", subjectToken, Map.of(
                "branchId", branch.id(), "membershipStatus", "FULL", "registeredOrganisation", "东门市场联合党支部",
                "workplace", "先锋商贸", "commitments", List.of("诚信经营"))));
        ids.put("declarationId", declaration.get("id").asText());

        // 通读党章: a document with one article, a session and a note of the subject.
        String key = "m-" + UUID.randomUUID().toString().substring(0, 12);
        JsonNode document = created(api.send("POST", "/reading/documents/import?key="
                        + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&kind=CONSTITUTION", admin,
                "text/plain; charset=utf-8", "测试读本\n第一章　总纲\n第一条　本读本供测试使用。\n第二条　第二条的内容。\n",
                Map.of()));
        ids.put("documentId", document.get("documentId").asText());
        JsonNode articles = api.get("/reading/documents/" + document.get("documentId").asText(), admin).json()
                .path("articles");
        String articleId = articles.get(0).get("id").asText();
        ids.put("articleId", articleId);
        JsonNode session = api.post("/reading/articles/" + articleId + "/open", subjectToken, null).json();
        ids.put("sessionId", session.path("sessionId").asText(UNKNOWN_ID));
        JsonNode note = api.post("/reading/articles/" + articleId + "/notes", subjectToken,
                Map.of("body", "学习体会", "visibility", "BRANCH")).json();
        ids.put("noteId", note.path("id").asText(UNKNOWN_ID));

        // 知识竞赛: a bank and a running contest on committee C, and the subject's attempt.
        Api.Response bank = api.send("POST", "/orgs/" + committee.id() + "/questions/import", orgAdmin, "text/csv",
                "type,stem,A,B,C,D,answer,explanation,difficulty,tags\n"
                        + "单选,党的最高领导机关是,全国代表大会和中央委员会,中央政治局,中央书记处,中央军委,A,党章第十条,易,党章\n"
                        + "判断,预备党员的预备期为一年。,,,,,正确,党章第七条,易,党章\n", Map.of());
        assertEquals(201, bank.status(), bank::toString);
        JsonNode questions = api.get("/orgs/" + committee.id() + "/questions", orgAdmin).json().path("items");
        ids.put("questionId", questions.get(0).get("id").asText());
        Map<String, Object> contest = new LinkedHashMap<>();
        contest.put("title", "党章知识竞赛");
        contest.put("startsAt", TestDates.iso(TestDates.nowMillis() - 60_000L));
        contest.put("endsAt", TestDates.iso(TestDates.nowMillis() + 86_400_000L));
        contest.put("timeLimitSeconds", 600);
        contest.put("questionCount", 2);
        contest.put("pointsPerQuestion", 10);
        contest.put("attemptsAllowed", 1);
        contest.put("revealAnswers", false);
        contest.put("tags", List.of("党章"));
        JsonNode created = created(api.post("/orgs/" + committee.id() + "/contests", orgAdmin, contest));
        ids.put("contestId", created.get("id").asText());
        JsonNode attempt = api.post("/contests/" + created.get("id").asText() + "/attempts", subjectToken, null).json();
        ids.put("attemptId", attempt.path("id").asText(attempt.path("attemptId").asText(UNKNOWN_ID)));
    }

    private static JsonNode created(Api.Response response) {
        if (response.status() != 201 && response.status() != 200) {
            throw new AssertionError("world setup: " + response);
        }
        return response.json();
    }

    /** The value of a path parameter in this world. */
    public String id(String parameter) {
        return ids.getOrDefault(parameter, UNKNOWN_ID);
    }

    /** Values for body properties named like the world's ids (memberId, branchId, …). */
    public Object named(String property) {
        return switch (property) {
            case "memberId" -> subject.id();
            case "branchId" -> branch.id();
            case "orgId", "organisationId" -> committee.id();
            case "articleId" -> Long.parseLong(ids.get("articleId"));
            case "documentId" -> Long.parseLong(ids.get("documentId"));
            case "phone" -> Fixtures.newPhone();
            case "startsAt" -> TestDates.iso(TestDates.nowMillis() + 86_400_000L);
            case "endsAt" -> TestDates.iso(TestDates.nowMillis() + 86_400_000L + 5_400_000L);
            default -> null;
        };
    }

    public Api api() {
        return api;
    }
}
