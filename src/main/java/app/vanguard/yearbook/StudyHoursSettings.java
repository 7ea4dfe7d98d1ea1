package app.vanguard.yearbook;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * vanguard.study-hours.*: study hours (学时) credited per attended meeting by type, and the most reading time one
 * article counts for.
 */
@ConfigurationProperties("vanguard.study-hours")
public class StudyHoursSettings {

    private static final Map<String, BigDecimal> DEFAULTS = Map.of(
            "BRANCH_GENERAL_MEETING", new BigDecimal("2"),
            "BRANCH_COMMITTEE_MEETING", new BigDecimal("1.5"),
            "GROUP_MEETING", new BigDecimal("1"),
            "PARTY_LESSON", new BigDecimal("2"),
            "THEMED_PARTY_DAY", new BigDecimal("2"),
            "ORGANISATIONAL_LIFE_MEETING", new BigDecimal("3"),
            "DEMOCRATIC_APPRAISAL", new BigDecimal("3"));

    /** Hours per attended meeting, by meeting type name. */
    private Map<String, BigDecimal> meetingHours = new HashMap<>();
    /** An article's server-measured reading time counts up to this much. */
    private Duration maxReadingPerArticle = Duration.ofMinutes(30);

    public Map<String, BigDecimal> getMeetingHours() { return meetingHours; }
    public void setMeetingHours(Map<String, BigDecimal> meetingHours) { this.meetingHours = meetingHours; }
    public Duration getMaxReadingPerArticle() { return maxReadingPerArticle; }
    public void setMaxReadingPerArticle(Duration maxReadingPerArticle) { this.maxReadingPerArticle = maxReadingPerArticle; }

    /** The hours one attended meeting of the type earns. */
    public BigDecimal hoursFor(String type) {
        BigDecimal h = meetingHours.get(type);
        if (h == null) {
            h = meetingHours.get(type.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return h != null ? h : DEFAULTS.getOrDefault(type, BigDecimal.ZERO);
    }
}
