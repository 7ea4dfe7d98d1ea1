package app.vanguard.notification;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SMS through a configurable HTTP provider: {@code POST <sms-url>} with {@code Authorization: Bearer <sms-api-key>}
 * and {@code {"phone", "kind", "text", "reference"}}; any 2xx is sent, 4xx other than 429 will not get better.
 * Off when {@code vanguard.notification.sms-url} is empty.
 */
@Singleton
class SmsChannel implements Channel {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final NotificationSettings settings;
    private final JsonMapper json;

    SmsChannel(NotificationSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Override
    public Name name() {
        return Name.SMS;
    }

    @Override
    public boolean canReach(Contact contact, NotificationKind kind) {
        return !settings.getSmsUrl().isBlank() && contact.phone() != null && !contact.phone().isBlank();
    }

    @Override
    public void send(Contact contact, Message message) throws Failure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", contact.phone());
        body.put("kind", message.kind().name());
        body.put("text", "【先锋学习】" + message.title() + "：" + message.body());
        body.put("reference", "notification-" + message.notificationId()); // lets the provider drop a repeat
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(settings.getSmsUrl()))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + settings.getSmsApiKey())
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("SMS provider unreachable: " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", false);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new Failure("SMS provider HTTP " + status + ": " + response.body(),
                    status / 100 == 4 && status != 429);
        }
    }
}
