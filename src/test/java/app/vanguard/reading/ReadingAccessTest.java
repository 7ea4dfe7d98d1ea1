package app.vanguard.reading;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-branch denial for every reading endpoint tied to a branch or a member: plans, completion and shared notes
 * refuse a plain member, another branch's secretary and another subtree's admin; notes never cross branches and
 * private notes are never shown to a secretary; nobody deletes another's note.
 */
@MicronautTest(transactional = false)
class ReadingAccessTest extends ApiTestBase {

    private Organisation committee;
    private Organisation branch;
    private long documentId;
    private long articleId;

    @BeforeEach
    void setUp() {
        String admin = fixtures.token(fixtures.systemAdmin());
        documentId = ReadingSupport.importOk(api(), admin, ReadingSupport.SMALL);
        articleId = ReadingSupport.articleIds(api(), admin, documentId).get(0);
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        assertEquals(200, api().put("/orgs/" + branch.id() + "/reading-plan", admin, plan()).status());
    }

    private Map<String, Object> plan() {
        return Map.of("documentIds", List.of(documentId), "articlesPerDay", 2, "startDate", TestDates.day(-30).toString());
    }

    private Map<String, BiFunction<Api, String, Api.Response>> branchCalls() {
        Map<String, BiFunction<Api, String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("get plan", (api, t) -> api.get("/orgs/" + branch.id() + "/reading-plan", t));
        calls.put("set plan", (api, t) -> api.put("/orgs/" + branch.id() + "/reading-plan", t, plan()));
        calls.put("completion", (api, t) -> api.get("/branches/" + branch.id() + "/reading/completion", t));
        calls.put("shared notes", (api, t) -> api.get("/branches/" + branch.id() + "/reading/notes", t));
        calls.put("committee plan", (api, t) -> api.put("/orgs/" + committee.id() + "/reading-plan", t, plan()));
        return calls;
    }

    private void expect(int status, String token, String who) {
        branchCalls().forEach((name, call) -> {
            Api.Response r = call.apply(api(), token);
            assertEquals(status, r.status(), who + " → " + name + ": " + r);
            assertEquals("FORBIDDEN", r.code());
        });
    }

    @Test
    void strangersAreRefusedEveryBranchEndpoint() {
        expect(403, fixtures.token(fixtures.member(branch)), "plain member");
        expect(403, fixtures.token(fixtures.secretary(fixtures.branch(committee))), "other branch's secretary");
        expect(403, fixtures.token(fixtures.orgAdmin(fixtures.committee())), "other subtree's admin");
    }

    @Test
    void theSecretaryAndTheAdminAboveMayAndTheCommitteeMemberMayRead() {
        String secretary = fixtures.token(fixtures.secretary(branch));
        Map<String, BiFunction<Api, String, Api.Response>> calls = branchCalls();
        for (String name : List.of("get plan", "set plan", "completion", "shared notes")) {
            assertEquals(200, calls.get(name).apply(api(), secretary).status(), "secretary → " + name);
        }
        assertEquals(403, calls.get("committee plan").apply(api(), secretary).status());
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        calls.forEach((name, call) -> assertEquals(200, call.apply(api(), admin).status(), "admin → " + name));
        Member committeeMember = fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER, branch);
        String cm = fixtures.token(committeeMember);
        assertEquals(200, calls.get("completion").apply(api(), cm).status());
        assertEquals(200, calls.get("get plan").apply(api(), cm).status());
        assertEquals(403, calls.get("set plan").apply(api(), cm).status());
    }

    @Test
    void notesStayInTheirBranchAndPrivateNotesStayPrivate() {
        Member author = fixtures.member(branch);
        String authorToken = fixtures.token(author);
        String colleague = fixtures.token(fixtures.member(branch));
        String secretary = fixtures.token(fixtures.secretary(branch));
        Organisation other = fixtures.branch(committee);
        String outsider = fixtures.token(fixtures.member(other));
        String otherSecretary = fixtures.token(fixtures.secretary(other));
        String path = "/reading/articles/" + articleId + "/notes";

        Api.Response shared = api().post(path, authorToken, Map.of("body", "读后感：要坚持每天读。", "visibility", "BRANCH"));
        assertEquals(201, shared.status(), shared::toString);
        Api.Response privateNote = api().post(path, authorToken, Map.of("body", "只给自己看的心得", "visibility", "PRIVATE"));
        assertEquals(201, privateNote.status());
        long privateId = privateNote.json().get("id").asLong();

        JsonNode authorsView = api().get(path, authorToken).json();
        assertEquals(2, authorsView.get("items").size());
        assertEquals(2, authorsView.get("total").asLong());
        JsonNode firstPage = api().get(path + "?page=0&size=1", authorToken).json();
        assertEquals(1, firstPage.get("items").size());
        assertEquals(2, firstPage.get("total").asLong());
        JsonNode secondPage = api().get(path + "?page=1&size=1", authorToken).json();
        assertEquals(authorsView.get("items").get(1).get("id"), secondPage.get("items").get(0).get("id"));
        assertEquals(0, api().get(path + "?page=2&size=1", authorToken).json().get("items").size());
        assertEquals(400, api().get(path + "?size=0", authorToken).status());
        JsonNode colleagueView = api().get(path, colleague).json().get("items");
        assertEquals(1, colleagueView.size());
        assertEquals("BRANCH", colleagueView.get(0).get("visibility").asText());
        assertEquals(0, api().get(path, outsider).json().get("items").size(), "another branch sees none");
        JsonNode secretaryPage = api().get("/branches/" + branch.id() + "/reading/notes", secretary).json();
        assertEquals(1, secretaryPage.get("total").asLong());
        JsonNode secretaryView = secretaryPage.get("items");
        assertEquals(1, secretaryView.size());
        assertTrue(secretaryView.get(0).get("body").asText().startsWith("读后感"));
        assertEquals(403, api().get("/branches/" + branch.id() + "/reading/notes", otherSecretary).status());

        assertEquals(404, api().delete("/reading/notes/" + privateId, secretary).status());
        assertEquals(404, api().delete("/reading/notes/" + privateId, outsider).status());
        assertEquals(204, api().delete("/reading/notes/" + privateId, authorToken).status());
        assertEquals(1, api().get(path, authorToken).json().get("total").asLong());

        Api.Response blank = api().post(path, authorToken, Map.of("body", " ", "visibility", "BRANCH"));
        assertEquals(400, blank.status());
    }

    @Test
    void favouritesAreOnesOwn() {
        String mine = fixtures.token(fixtures.member(branch));
        String theirs = fixtures.token(fixtures.member(fixtures.branch(committee)));
        assertEquals(204, api().put("/reading/favourites/" + articleId, mine, Map.of()).status());
        assertEquals(204, api().put("/reading/favourites/" + articleId, mine, Map.of()).status());
        JsonNode favourites = api().get("/reading/favourites", mine).json();
        assertEquals(1, favourites.get("items").size());
        assertEquals(1, favourites.get("total").asLong());
        assertEquals(0, favourites.get("page").asInt());
        assertEquals(50, favourites.get("size").asInt());
        assertTrue(api().get("/reading/articles/" + articleId, mine).json().get("favourite").asBoolean());
        assertEquals(0, api().get("/reading/favourites", theirs).json().get("items").size());
        assertEquals(204, api().delete("/reading/favourites/" + articleId, mine).status());
        assertEquals(0, api().get("/reading/favourites", mine).json().get("total").asLong());
        assertEquals(404, api().put("/reading/favourites/999999999", mine, Map.of()).status());
    }
}
