package app.vanguard.checkin;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** vanguard.checkin.*: the check-in and leave windows, lateness, points and the wrong-code throttle. */
@ConfigurationProperties("vanguard.checkin")
public class CheckInSettings {

    /** Check-in opens this long before the start. */
    private Duration opensBefore = Duration.ofMinutes(30);
    /** Check-in closes this long after the start. */
    private Duration closesAfter = Duration.ofMinutes(60);
    /** A check-in later than start + grace is LATE. */
    private Duration lateGrace = Duration.ofMinutes(10);
    /** Leave may be asked for until this long before the start. */
    private Duration leaveCutoff = Duration.ofHours(2);
    /** Points for attending, through the ledger, once per meeting. */
    private int points = 5;
    /** Attendance may be marked or decided by hand until this long after the meeting's start (then it is final). */
    private Duration manualMarkingWindow = Duration.ofDays(7);
    /** Scheduling a start further in the past is refused unless the meeting is recorded afterwards (补录). */
    private Duration pastSchedulingLimit = Duration.ofHours(24);
    /** Whether this instance runs the automatic close (every instance may; each meeting closes exactly once). */
    private boolean autoClose = true;
    /** How often the automatic close looks for meetings whose check-in window has ended (read by its @Scheduled). */
    private Duration autoCloseInterval = Duration.ofMinutes(1);
    /** Secretaries are told this many days before a month ends of its plan items with no meeting scheduled yet. */
    private int planReminderDays = 7;
    /** Whether this instance runs the plan reminder job (every instance may: each notice is written once). */
    private boolean planReminders = true;
    private int maxWrongCodes = 5;
    private Duration wrongCodeWindow = Duration.ofMinutes(5);

    public Duration getOpensBefore() { return opensBefore; }
    public void setOpensBefore(Duration opensBefore) { this.opensBefore = opensBefore; }
    public Duration getClosesAfter() { return closesAfter; }
    public void setClosesAfter(Duration closesAfter) { this.closesAfter = closesAfter; }
    public Duration getLateGrace() { return lateGrace; }
    public void setLateGrace(Duration lateGrace) { this.lateGrace = lateGrace; }
    public Duration getLeaveCutoff() { return leaveCutoff; }
    public void setLeaveCutoff(Duration leaveCutoff) { this.leaveCutoff = leaveCutoff; }
    public int getPoints() { return points; }
    public void setPoints(int points) { this.points = points; }
    public Duration getManualMarkingWindow() { return manualMarkingWindow; }
    public void setManualMarkingWindow(Duration manualMarkingWindow) { this.manualMarkingWindow = manualMarkingWindow; }
    public Duration getPastSchedulingLimit() { return pastSchedulingLimit; }
    public void setPastSchedulingLimit(Duration pastSchedulingLimit) { this.pastSchedulingLimit = pastSchedulingLimit; }
    public boolean isAutoClose() { return autoClose; }
    public void setAutoClose(boolean autoClose) { this.autoClose = autoClose; }
    public Duration getAutoCloseInterval() { return autoCloseInterval; }
    public void setAutoCloseInterval(Duration autoCloseInterval) { this.autoCloseInterval = autoCloseInterval; }
    public int getPlanReminderDays() { return planReminderDays; }
    public void setPlanReminderDays(int planReminderDays) { this.planReminderDays = planReminderDays; }
    public boolean isPlanReminders() { return planReminders; }
    public void setPlanReminders(boolean planReminders) { this.planReminders = planReminders; }
    public int getMaxWrongCodes() { return maxWrongCodes; }
    public void setMaxWrongCodes(int maxWrongCodes) { this.maxWrongCodes = maxWrongCodes; }
    public Duration getWrongCodeWindow() { return wrongCodeWindow; }
    public void setWrongCodeWindow(Duration wrongCodeWindow) { this.wrongCodeWindow = wrongCodeWindow; }
}
