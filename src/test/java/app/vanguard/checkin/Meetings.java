package app.vanguard.checkin;

import app.vanguard.support.Api;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers for the check-in API: schedule a meeting, read its code, check in. */
final class Meetings {

    private final Api api;
    private final URI base;

    Meetings(Api api, URI base) {
        this.api = api;
        this.base = base;
    }

    static Map<String, Object> request(String type, Instant startsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("topic", "学习党章");
        body.put("place", "党群服务中心");
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", startsAt.plusSeconds(5400).toString());
        return body;
    }

    JsonNode schedule(long branchId, String secretaryToken, Map<String, Object> body) {
        Api.Response r = api.post("/branches/" + branchId + "/meetings", secretaryToken, body);
        assertEquals(201, r.status(), r::toString);
        return r.json();
    }

    long schedule(long branchId, String secretaryToken, String type, Instant startsAt) {
        return schedule(branchId, secretaryToken, request(type, startsAt)).get("id").asLong();
    }

    String code(long meetingId, String secretaryToken) {
        Api.Response r = api.get("/meetings/" + meetingId + "/code", secretaryToken);
        assertEquals(200, r.status(), r::toString);
        return r.json().get("code").asText();
    }

    Api.Response checkIn(long meetingId, String token, String code) {
        return api.post("/meetings/" + meetingId + "/check-in", token, Map.of("code", code));
    }

    Api.Response checkIn(long meetingId, String token, String code, double lat, double lon) {
        return api.post("/meetings/" + meetingId + "/check-in", token, Map.of("code", code, "latitude", lat,
                "longitude", lon));
    }

    Api.Response close(long meetingId, String token) {
        return api.post("/meetings/" + meetingId + "/close", token, null);
    }

    /** The raw bytes of a binary response (after the contract check done through {@link Api}). */
    HttpResponse<byte[]> bytes(String path, String token) {
        Api.Response checked = api.get(path, token);
        assertEquals(200, checked.status(), checked::toString);
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
