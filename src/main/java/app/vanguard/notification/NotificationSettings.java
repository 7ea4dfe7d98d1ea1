package app.vanguard.notification;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** vanguard.notification.*: the outbox sender, the WeChat subscribe-message and SMS channels, reminders. */
@ConfigurationProperties("vanguard.notification")
public class NotificationSettings {

    /** Whether this instance runs the scheduled sender (every instance may; they never send a row twice). */
    private boolean senderEnabled = true;
    /** How often the sender looks for due deliveries (read by its @Scheduled). */
    private Duration sendInterval = Duration.ofSeconds(5);
    /** Deliveries one sender pass claims at most. */
    private int batchSize = 100;
    /** How long a claimed delivery stays with its sender before another may take it over. */
    private Duration lease = Duration.ofSeconds(60);
    /** Attempts before a delivery is marked FAILED with the last reason. */
    private int maxAttempts = 5;
    /** Wait before the first retry; doubled at each further attempt. */
    private Duration retryDelay = Duration.ofSeconds(30);
    /** WeChat's API (a stub in tests). */
    private String wechatApiBaseUrl = "https://api.weixin.qq.com";
    /** The mini-program's app id and secret (for the access token). */
    private String wechatAppId = "";
    private String wechatAppSecret = "";
    /** Subscribe-message template id per kind (kind name → template id); kinds without one are not sent by WeChat. */
    private Map<String, String> wechatTemplates = new HashMap<>();
    /** Mini-program page a subscribe message opens (followed by the notification's link). */
    private String wechatPage = "pages/notifications/index";
    /** SMS provider's send URL (empty: no SMS channel). */
    private String smsUrl = "";
    /** Bearer key sent to the SMS provider. */
    private String smsApiKey = "";
    /** Whether a member who chose nothing gets WeChat messages / SMS. */
    private boolean wechatByDefault = true;
    private boolean smsByDefault = false;
    /** How long before a meeting its reminders are sent. */
    private List<Duration> meetingReminders = List.of(Duration.ofHours(24), Duration.ofMinutes(30));
    /** Quiet hours (免打扰), Asia/Shanghai: pushes wait until the end unless a meeting starts within the hour. */
    private LocalTime quietFrom = LocalTime.of(22, 0);
    private LocalTime quietUntil = LocalTime.of(7, 0);

    /** The template id of a kind, or null (keys are matched ignoring case and '-' / '_'). */
    String templateOf(NotificationKind kind) {
        String want = normalise(kind.name());
        for (Map.Entry<String, String> e : wechatTemplates.entrySet()) {
            if (normalise(e.getKey()).equals(want) && !e.getValue().isBlank()) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String normalise(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    public boolean isSenderEnabled() { return senderEnabled; }
    public void setSenderEnabled(boolean senderEnabled) { this.senderEnabled = senderEnabled; }
    public Duration getSendInterval() { return sendInterval; }
    public void setSendInterval(Duration sendInterval) { this.sendInterval = sendInterval; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    public Duration getLease() { return lease; }
    public void setLease(Duration lease) { this.lease = lease; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getRetryDelay() { return retryDelay; }
    public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }
    public String getWechatApiBaseUrl() { return wechatApiBaseUrl; }
    public void setWechatApiBaseUrl(String wechatApiBaseUrl) { this.wechatApiBaseUrl = wechatApiBaseUrl; }
    public String getWechatAppId() { return wechatAppId; }
    public void setWechatAppId(String wechatAppId) { this.wechatAppId = wechatAppId; }
    public String getWechatAppSecret() { return wechatAppSecret; }
    public void setWechatAppSecret(String wechatAppSecret) { this.wechatAppSecret = wechatAppSecret; }
    public Map<String, String> getWechatTemplates() { return wechatTemplates; }
    public void setWechatTemplates(Map<String, String> wechatTemplates) { this.wechatTemplates = wechatTemplates; }
    public String getWechatPage() { return wechatPage; }
    public void setWechatPage(String wechatPage) { this.wechatPage = wechatPage; }
    public String getSmsUrl() { return smsUrl; }
    public void setSmsUrl(String smsUrl) { this.smsUrl = smsUrl; }
    public String getSmsApiKey() { return smsApiKey; }
    public void setSmsApiKey(String smsApiKey) { this.smsApiKey = smsApiKey; }
    public boolean isWechatByDefault() { return wechatByDefault; }
    public void setWechatByDefault(boolean wechatByDefault) { this.wechatByDefault = wechatByDefault; }
    public boolean isSmsByDefault() { return smsByDefault; }
    public void setSmsByDefault(boolean smsByDefault) { this.smsByDefault = smsByDefault; }
    public List<Duration> getMeetingReminders() { return meetingReminders; }
    public void setMeetingReminders(List<Duration> meetingReminders) { this.meetingReminders = meetingReminders; }
    public LocalTime getQuietFrom() { return quietFrom; }
    public void setQuietFrom(LocalTime quietFrom) { this.quietFrom = quietFrom; }
    public LocalTime getQuietUntil() { return quietUntil; }
    public void setQuietUntil(LocalTime quietUntil) { this.quietUntil = quietUntil; }
}
