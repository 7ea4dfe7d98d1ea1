package app.vanguard.notification;

import app.vanguard.org.Caller;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The signed-in member's inbox (站内信) and notification choices. */
@Controller("/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationController {

    private final NotificationService notifications;

    public NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Get("/notifications{?unreadOnly,page,size}")
    public NotificationViews.Inbox inbox(Authentication authentication,
                                         @QueryValue(defaultValue = "false") boolean unreadOnly,
                                         @QueryValue(defaultValue = "0") @Min(0) int page,
                                         @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        return notifications.inbox(Caller.of(authentication).memberId(), unreadOnly, page, size);
    }

    @Get("/notifications/unread-count")
    public NotificationViews.UnreadCount unread(Authentication authentication) {
        return notifications.unread(Caller.of(authentication).memberId());
    }

    @Post("/notifications/{id}/read")
    public NotificationViews.NotificationView read(Authentication authentication, long id) {
        return notifications.read(Caller.of(authentication).memberId(), id);
    }

    @Post("/notifications/read-all")
    public NotificationViews.ReadAll readAll(Authentication authentication) {
        return notifications.readAll(Caller.of(authentication).memberId());
    }

    @Get("/notification-preferences")
    public NotificationViews.Preferences preferences(Authentication authentication) {
        return notifications.preferences(Caller.of(authentication).memberId());
    }

    @Put("/notification-preferences")
    public NotificationViews.Preferences choose(Authentication authentication,
                                                @Body @Valid NotificationViews.Preferences request) {
        return notifications.choose(Caller.of(authentication).memberId(), request);
    }
}
