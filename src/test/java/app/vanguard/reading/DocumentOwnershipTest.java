package app.vanguard.reading;

import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Library documents have an owner: only its admins replace a document; only system admins the shared library. */
@MicronautTest(transactional = false)
class DocumentOwnershipTest extends ApiTestBase {

    private static final String ALTERED = ReadingSupport.SMALL.replace("本读本供测试使用", "本读本已被改写");

    private Api.Response importAs(String token, String key, Long orgId) {
        return api().send("POST", "/reading/documents/import?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "&kind=CONSTITUTION" + (orgId == null ? "" : "&orgId=" + orgId), token,
                "text/plain; charset=utf-8", ALTERED, Map.of());
    }

    private int revision(String token, long documentId) {
        return api().get("/reading/documents/" + documentId, token).json().get("revision").asInt();
    }

    @Test
    void anyOrgAdminCannotReplaceTheSharedLibrary() {
        String system = fixtures.token(fixtures.systemAdmin());
        String key = ReadingSupport.newKey();
        var shared = ReadingSupport.importText(api(), system, key, ReadingSupport.SMALL);
        assertEquals(201, shared.status(), shared::toString);
        long documentId = shared.json().get("documentId").asLong();

        Organisation committee = fixtures.committee();
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "党总支");
        String smallAdmin = fixtures.token(fixtures.orgAdmin(general));
        var refused = importAs(smallAdmin, key, null);
        assertEquals(403, refused.status(), refused::toString);
        assertEquals("FORBIDDEN", refused.code());
        assertEquals(403, importAs(fixtures.token(fixtures.orgAdmin(committee)), key, committee.id()).status());
        assertEquals(1, revision(system, documentId));

        assertEquals(201, importAs(system, key, null).status());
        assertEquals(2, revision(system, documentId));
    }

    @Test
    void anOrganisationsDocumentIsReplacedOnlyByItsAdmins() {
        Organisation committee = fixtures.committee();
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "党总支");
        String owner = fixtures.token(fixtures.orgAdmin(committee));
        String key = ReadingSupport.newKey();
        var created = ReadingSupport.importText(api(), owner, key, ReadingSupport.SMALL);
        assertEquals(201, created.status(), created::toString);
        long documentId = created.json().get("documentId").asLong();

        assertEquals(403, importAs(fixtures.token(fixtures.orgAdmin(fixtures.committee())), key, null).status());
        assertEquals(403, importAs(fixtures.token(fixtures.orgAdmin(general)), key, null).status());
        assertEquals(403, importAs(fixtures.token(fixtures.secretary(fixtures.branch(committee))), key, null).status());
        assertEquals(1, revision(owner, documentId));

        assertEquals(201, importAs(owner, key, null).status());
        assertEquals(201, importAs(fixtures.token(fixtures.systemAdmin()), key, null).status());
        assertEquals(3, revision(owner, documentId));
    }

    @Test
    void theOwnerNamedMustBeOneTheCallerAdministers() {
        Organisation committee = fixtures.committee();
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "党总支");
        var response = importAs(fixtures.token(fixtures.orgAdmin(general)), ReadingSupport.newKey(), committee.id());
        assertEquals(403, response.status(), response::toString);
        var own = importAs(fixtures.token(fixtures.orgAdmin(committee)), ReadingSupport.newKey(), general.id());
        assertEquals(201, own.status(), own::toString);
    }
}
