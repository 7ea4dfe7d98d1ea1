package app.vanguard.notification;

import app.vanguard.shared.PersonalData;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The inbox and a member's notification choices; erasure deletes them with their deliveries. */
@Singleton
public class NotificationPrivacyStore implements PersonalData {

    private final Sql sql;

    public NotificationPrivacyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long memberId) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("notifications", sql.rows("SELECT id, kind, title, body, link, shown_at, read_at FROM notification "
                + "WHERE member_id = ? ORDER BY id", memberId));
        out.put("notificationPreferences", sql.rows("SELECT kind, channel, enabled FROM notification_preference "
                + "WHERE member_id = ? ORDER BY kind, channel", memberId));
        return out;
    }

    @Override
    public void erase(long memberId) {
        sql.update("DELETE d FROM notification_delivery d JOIN notification n ON n.id = d.notification_id "
                + "WHERE n.member_id = ?", memberId);
        sql.update("DELETE FROM notification WHERE member_id = ?", memberId);
        sql.update("DELETE FROM notification_preference WHERE member_id = ?", memberId);
    }
}
