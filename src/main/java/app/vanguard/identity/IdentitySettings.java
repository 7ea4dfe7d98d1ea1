package app.vanguard.identity;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** vanguard.identity.*: the ID-card hash key and the badges' QR address (nested: points, registration and badge-check limits). */
@ConfigurationProperties("vanguard.identity")
public class IdentitySettings {

    /** Key of the HMAC-SHA256 ID-card numbers are stored as; required in prod (32+ characters). */
    private String idCardHashKey = IdCardHasher.DEV_KEY;
    /** A badge's QR code opens this prefix + the badge's public token. */
    private String badgeVerifyUrlPrefix = "http://localhost:8080/public/badges/";

    /** A badge's holder is told this many days before its last valid day (徽章即将到期). */
    private int badgeExpiryNoticeDays = 30;
    /** From this day of the year (Asia/Shanghai), commitments without this year's review are due (承诺年度评议). */
    private java.time.MonthDay commitmentReviewFrom = java.time.MonthDay.of(12, 1);
    /** Whether this instance runs the identity reminder job (every instance may: each notice is written once). */
    private boolean remindersEnabled = true;

    public int getBadgeExpiryNoticeDays() { return badgeExpiryNoticeDays; }
    public void setBadgeExpiryNoticeDays(int badgeExpiryNoticeDays) { this.badgeExpiryNoticeDays = badgeExpiryNoticeDays; }
    public java.time.MonthDay getCommitmentReviewFrom() { return commitmentReviewFrom; }
    public void setCommitmentReviewFrom(String commitmentReviewFrom) {
        this.commitmentReviewFrom = java.time.MonthDay.parse("--" + commitmentReviewFrom);
    }
    public boolean isRemindersEnabled() { return remindersEnabled; }
    public void setRemindersEnabled(boolean remindersEnabled) { this.remindersEnabled = remindersEnabled; }
    public String getIdCardHashKey() { return idCardHashKey; }
    public void setIdCardHashKey(String idCardHashKey) { this.idCardHashKey = idCardHashKey; }
    public String getBadgeVerifyUrlPrefix() { return badgeVerifyUrlPrefix; }
    public void setBadgeVerifyUrlPrefix(String badgeVerifyUrlPrefix) { this.badgeVerifyUrlPrefix = badgeVerifyUrlPrefix; }

    /** vanguard.identity.points.*: points of a verified declaration and a fulfilled commitment. */
    @ConfigurationProperties("points")
    public static class Points {

        /** Points when a declaration is verified. */
        private int declarationVerified = 10;
        /** Points when a commitment is reviewed fulfilled. */
        private int commitmentFulfilled = 5;

        public int getDeclarationVerified() { return declarationVerified; }
        public void setDeclarationVerified(int declarationVerified) { this.declarationVerified = declarationVerified; }
        public int getCommitmentFulfilled() { return commitmentFulfilled; }
        public void setCommitmentFulfilled(int commitmentFulfilled) { this.commitmentFulfilled = commitmentFulfilled; }
    }

    /** vanguard.identity.registration.*: anonymous registrations per IP and per phone in a window. */
    @ConfigurationProperties("registration")
    public static class Registration {

        /** Registrations from one IP per window. */
        private int maxPerIp = 10;
        /** Registrations of one phone per window. */
        private int maxPerPhone = 3;
        /** The window. */
        private Duration window = Duration.ofHours(1);

        public int getMaxPerIp() { return maxPerIp; }
        public void setMaxPerIp(int maxPerIp) { this.maxPerIp = maxPerIp; }
        public int getMaxPerPhone() { return maxPerPhone; }
        public void setMaxPerPhone(int maxPerPhone) { this.maxPerPhone = maxPerPhone; }
        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
    }

    /** vanguard.identity.badge-check.*: anonymous badge checks per IP in a window. */
    @ConfigurationProperties("badge-check")
    public static class BadgeCheck {

        /** Badge checks from one IP per window. */
        private int maxPerIp = 60;
        /** The window. */
        private Duration window = Duration.ofMinutes(1);

        public int getMaxPerIp() { return maxPerIp; }
        public void setMaxPerIp(int maxPerIp) { this.maxPerIp = maxPerIp; }
        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
    }
}
