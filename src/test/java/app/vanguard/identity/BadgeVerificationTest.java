package app.vanguard.identity;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.shared.BusinessTime;
import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A verified member's badge has an unguessable token and a QR code of its public check; the check answers valid,
 * revoked, expired or unknown with nothing but type, title, masked name and branch.
 */
@MicronautTest(transactional = false)
class BadgeVerificationTest extends IdentityTestBase {

    @Inject
    TestClock clock;

    private Organisation branch;
    private String secretary;
    private Member member;

    @BeforeEach
    void setUp() {
        branch = fixtures.branch(fixtures.committee());
        secretary = fixtures.token(fixtures.secretary(branch));
        member = fixtures.member(branch);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Api.Response grant(Member who, LocalDate from, LocalDate until) {
        return api().post("/branches/" + branch.id() + "/badges", secretary, Map.of("memberId", who.id(),
                "type", "MODEL_HOUSEHOLD", "title", "东门市场3号摊位", "validFrom", from.toString(),
                "validUntil", until.toString()));
    }

    @Test
    void validBadgeShowsOnlyWhatThePublicMaySee() throws Exception {
        verifiedDeclaration(member, branch, secretary);
        LocalDate today = BusinessTime.today(clock);
        Api.Response granted = grant(member, today.minusDays(1), today.plusYears(1));
        assertEquals(201, granted.status(), granted::toString);
        assertMasked(granted, member.phone(), true);
        String token = granted.json().path("token").asText();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertEquals("http://localhost:8080/public/badges/" + token, granted.json().path("verifyUrl").asText());

        Api.Response check = api().get("/public/badges/" + token, null);
        assertEquals(200, check.status(), check::toString);
        JsonNode body = check.json();
        assertEquals(Set.of("status", "type", "title", "memberName", "branchName"), fields(body));
        assertEquals("VALID", body.path("status").asText());
        assertEquals("MODEL_HOUSEHOLD", body.path("type").asText());
        assertEquals("东门市场3号摊位", body.path("title").asText());
        assertEquals(Masking.name(member.name()), body.path("memberName").asText());
        assertEquals(branch.name(), body.path("branchName").asText());
        assertMasked(check, member.phone(), false);

        long badgeId = granted.json().path("id").asLong();
        for (String path : new String[]{"/branches/" + branch.id() + "/badges/" + badgeId + "/qr.png",
                "/me/badges/" + badgeId + "/qr.png"}) {
            String who = path.startsWith("/me") ? fixtures.token(member) : secretary;
            Api.Response png = api().get(path, who);
            assertEquals(200, png.status());
            assertEquals("image/png", png.header("Content-Type").orElseThrow());
            assertEquals(granted.json().path("verifyUrl").asText(), decodeQr(path, who));
        }
        Api.Response mine = api().get("/me/badges", fixtures.token(member));
        assertEquals(1, mine.json().size());
        assertMasked(mine, member.phone(), true);
        assertMasked(api().get("/branches/" + branch.id() + "/badges", secretary), member.phone(), true);
    }

    @Test
    void revokedExpiredAndUnknownBadgesSaySo() {
        verifiedDeclaration(member, branch, secretary);
        LocalDate today = BusinessTime.today(clock);
        String revoked = grant(member, today, today.plusDays(30)).json().path("token").asText();
        long revokedId = api().get("/me/badges", fixtures.token(member)).json().get(0).path("id").asLong();
        Api.Response revoke = api().post("/branches/" + branch.id() + "/badges/" + revokedId + "/revoke", secretary,
                Map.of("reason", "已停止经营"));
        assertEquals(200, revoke.status(), revoke::toString);
        assertEquals("REVOKED", revoke.json().path("status").asText());
        assertEquals("BADGE_REVOKED", api().post("/branches/" + branch.id() + "/badges/" + revokedId + "/revoke",
                secretary, Map.of("reason", "again")).code());
        assertEquals("REVOKED", api().get("/public/badges/" + revoked, null).json().path("status").asText());

        String expiring = grant(member, today.minusDays(10), today).json().path("token").asText();
        assertEquals("VALID", api().get("/public/badges/" + expiring, null).json().path("status").asText());
        clock.set(clock.instant().plus(Duration.ofDays(1)));
        Api.Response expired = api().get("/public/badges/" + expiring, null);
        assertEquals("EXPIRED", expired.json().path("status").asText(), expired::toString);

        Api.Response unknown = api().get("/public/badges/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null);
        assertEquals(404, unknown.status());
        assertEquals("BADGE_UNKNOWN", unknown.code());
        assertEquals("BADGE_UNKNOWN", api().get("/public/badges/nonsense!", null).code());
    }

    @Test
    void onlyVerifiedMembersOfTheBranchGetBadges() {
        LocalDate today = BusinessTime.today(clock);
        Api.Response unverified = grant(member, today, today.plusDays(1));
        assertEquals(409, unverified.status());
        assertEquals("MEMBER_NOT_VERIFIED", unverified.code());
        Member stranger = fixtures.member(fixtures.branch(fixtures.committee()));
        assertEquals(400, grant(stranger, today, today.plusDays(1)).status());
        verifiedDeclaration(member, branch, secretary);
        assertEquals(400, grant(member, today, today.minusDays(1)).status(), "validUntil before validFrom");
    }

    private String decodeQr(String path, String token) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        var image = ImageIO.read(new ByteArrayInputStream(response.body()));
        // A generated image: decode it as a pure barcode (finder-pattern detection alone misses some payloads).
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                        com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
