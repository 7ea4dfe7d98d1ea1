package app.vanguard.yearbook;

import app.vanguard.checkin.MeetingFiguresStore;
import app.vanguard.checkin.MeetingType;
import app.vanguard.reading.ReadingStore;
import app.vanguard.shared.BusinessTime;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Study hours (学时): a member's server-measured reading time (each article's dwell counted up to
 * {@code max-reading-per-article}) in hours rounded to 2 decimals, plus the configured hours of each closed meeting
 * they attended (present or late), by type. A branch's or subtree's hours are the sums of its members' rounded hours,
 * so totals always equal the sum of what the members see.
 */
@Singleton
public class StudyHoursService {

    private static final BigDecimal MS_PER_HOUR = new BigDecimal(3_600_000);

    private final ReadingStore reading;
    private final MeetingFiguresStore meetings;
    private final StudyHoursSettings settings;

    public StudyHoursService(ReadingStore reading, MeetingFiguresStore meetings, StudyHoursSettings settings) {
        this.reading = reading;
        this.meetings = meetings;
        this.settings = settings;
    }

    /** One member's study over a period. */
    public record MemberHours(int articles, long readingMs, int daysDone, BigDecimal readingHours,
                              Map<MeetingType, MeetingFiguresStore.TypeCounts> meetings, BigDecimal meetingHours,
                              BigDecimal totalHours) {

        public int attended() {
            return meetings.values().stream().mapToInt(MeetingFiguresStore.TypeCounts::attended).sum();
        }

        public int expected() {
            return meetings.values().stream().mapToInt(MeetingFiguresStore.TypeCounts::expected).sum();
        }
    }

    /** Per member: their study from {@code from} to {@code to} (Asia/Shanghai days, inclusive). Runs on the caller's transaction. */
    public Map<Long, MemberHours> hours(Collection<Long> memberIds, LocalDate from, LocalDate to) {
        Map<Long, ReadingStore.ReadingTime> read = reading.readingTime(memberIds, from, to,
                settings.getMaxReadingPerArticle().toMillis());
        Instant start = from.atStartOfDay(BusinessTime.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(BusinessTime.ZONE).toInstant();
        Map<Long, Map<MeetingType, MeetingFiguresStore.TypeCounts>> met = meetings.attendanceByType(memberIds, start, end);
        Map<Long, MemberHours> out = new HashMap<>();
        for (Long id : memberIds) {
            ReadingStore.ReadingTime r = read.getOrDefault(id, new ReadingStore.ReadingTime(0, 0, 0));
            BigDecimal readingHours = new BigDecimal(r.dwellMs()).divide(MS_PER_HOUR, 2, RoundingMode.HALF_UP);
            Map<MeetingType, MeetingFiguresStore.TypeCounts> byType = met.getOrDefault(id, new EnumMap<>(MeetingType.class));
            BigDecimal meetingHours = BigDecimal.ZERO;
            for (Map.Entry<MeetingType, MeetingFiguresStore.TypeCounts> e : byType.entrySet()) {
                meetingHours = meetingHours.add(settings.hoursFor(e.getKey().name())
                        .multiply(BigDecimal.valueOf(e.getValue().attended())));
            }
            meetingHours = meetingHours.setScale(2, RoundingMode.HALF_UP);
            out.put(id, new MemberHours(r.articles(), r.dwellMs(), r.daysDone(), readingHours, byType, meetingHours,
                    readingHours.add(meetingHours)));
        }
        return out;
    }

    /** The hours a meeting of each type earns, for the views. */
    public Map<MeetingType, BigDecimal> hoursPerType() {
        Map<MeetingType, BigDecimal> out = new EnumMap<>(MeetingType.class);
        for (MeetingType t : MeetingType.values()) {
            out.put(t, settings.hoursFor(t.name()).setScale(2, RoundingMode.HALF_UP));
        }
        return out;
    }

    /** Sums members' hours: {articles, readingHours, meetingsAttended, meetingHours, totalHours}. */
    public static Totals total(Collection<MemberHours> hours) {
        int articles = 0;
        int attended = 0;
        BigDecimal reading = BigDecimal.ZERO.setScale(2);
        BigDecimal meeting = BigDecimal.ZERO.setScale(2);
        for (MemberHours h : hours) {
            articles += h.articles();
            attended += h.attended();
            reading = reading.add(h.readingHours());
            meeting = meeting.add(h.meetingHours());
        }
        return new Totals(hours.size(), articles, reading, attended, meeting, reading.add(meeting));
    }

    /** Summed hours of a set of members. */
    public record Totals(int members, int articles, BigDecimal readingHours, int meetingsAttended,
                         BigDecimal meetingHours, BigDecimal totalHours) {
        public BigDecimal averageHours() {
            return members == 0 ? BigDecimal.ZERO.setScale(2)
                    : totalHours.divide(BigDecimal.valueOf(members), 2, RoundingMode.HALF_UP);
        }
    }

    static List<Long> ids(Collection<Long> ids) {
        return new ArrayList<>(ids);
    }
}
