package app.vanguard.shared;

import app.vanguard.auth.JwtSettings;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Errors people can read: detail in Chinese by default and in English with Accept-Language: en, never a class name;
 * JSON errors name the property; enum errors list the allowed values; an expired and a garbage access token are told
 * apart, with WWW-Authenticate.
 */
@MicronautTest(transactional = false)
class ErrorMessagesTest extends ApiTestBase {

    @Inject
    JwtSettings jwt;

    @Test
    void aPropertyOfTheWrongTypeIsNamedInChineseByDefaultAndInEnglishOnRequest() {
        String body = "{\"phone\":{\"number\":\"13800000000\"},\"password\":\"x\"}";
        Api.Response zh = api().send("POST", "/auth/login", null, "application/json", body, Map.of());
        assertEquals(400, zh.status(), zh::toString);
        assertEquals("VALIDATION_FAILED", zh.code());
        assertEquals("phone", zh.json().get("errors").get(0).get("field").asText(), zh::toString);
        String detail = zh.json().get("detail").asText();
        assertTrue(detail.contains("phone") && detail.codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF), detail);
        assertNoInternals(zh);

        Api.Response en = api().send("POST", "/auth/login", null, "application/json", body,
                Map.of("Accept-Language", "en-US,en;q=0.9,zh;q=0.5"));
        assertEquals("phone", en.json().get("errors").get(0).get("field").asText(), en::toString);
        assertTrue(en.json().get("detail").asText().startsWith("Please check"), en::toString);
        assertNoInternals(en);
    }

    @Test
    void anEnumErrorListsTheAllowedValues() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String secretary = fixtures.token(fixtures.secretary(branch));
        String day = TestDates.day(2).toString();
        Api.Response r = api().post("/branches/" + branch.id() + "/meetings", secretary, Map.of("type", "PICNIC",
                "topic", "学习党章", "startsAt", day + "T19:00:00", "endsAt", day + "T20:00:00"));
        assertEquals(400, r.status(), r::toString);
        JsonNode error = r.json().get("errors").get(0);
        assertEquals("type", error.get("field").asText(), r::toString);
        assertTrue(error.get("message").asText().contains("THEMED_PARTY_DAY"), r::toString);
        assertNoInternals(r);
    }

    @Test
    void constraintMessagesAreLocalised() {
        Api.Response zh = api().post("/auth/login", null, Map.of("phone", ""));
        assertEquals("VALIDATION_FAILED", zh.code());
        assertTrue(zh.json().get("detail").asText().contains("password"), zh::toString);
        assertTrue(zh.json().get("errors").toString().contains("不能为空"), zh::toString);
    }

    @Test
    void anExpiredTokenIsToldFromAGarbageOne() throws Exception {
        SignedJWT expired = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("1").issueTime(new Date(System.currentTimeMillis() - 3_600_000))
                .expirationTime(new Date(System.currentTimeMillis() - 60_000)).build());
        expired.sign(new MACSigner(jwt.getSecret().getBytes(StandardCharsets.UTF_8)));
        Api.Response r = api().get("/me", expired.serialize());
        assertEquals(401, r.status(), r::toString);
        assertEquals("TOKEN_EXPIRED", r.code());
        assertEquals("Bearer error=\"invalid_token\"", r.header("WWW-Authenticate").orElse(null));
        assertEquals("登录已过期，请刷新登录状态后重试。", r.json().get("detail").asText());

        Api.Response garbage = api().send("GET", "/me", "not.a.token", null, null, Map.of("Accept-Language", "en"));
        assertEquals("TOKEN_INVALID", garbage.code());
        assertEquals("Bearer error=\"invalid_token\"", garbage.header("WWW-Authenticate").orElse(null));
        assertEquals("Your sign-in is not valid; please sign in again.", garbage.json().get("detail").asText());
    }

    private static void assertNoInternals(Api.Response r) {
        assertFalse(r.body().contains("class ") || r.body().contains("app.vanguard") || r.body().contains("java.")
                || r.body().contains("/body") || r.body().contains("Exception"), r::toString);
    }
}
