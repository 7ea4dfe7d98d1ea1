package app.vanguard.reading;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the reading API answers. */
public final class ReadingViews {

    private ReadingViews() {
    }

    public enum DocumentKind { CONSTITUTION, REGULATION, SPEECH, NOTICE, OTHER }

    public enum Visibility { PRIVATE, BRANCH }

    public enum Period { DAY, WEEK, MONTH }

    @Serdeable
    public record ImportResult(long documentId, String key, String title, DocumentKind kind, int revision,
                               int sections, int articles, int kept, int added, int retired,
                               List<String> frontMatter) {
    }

    @Serdeable
    public record DocumentView(long id, String key, String title, DocumentKind kind, int revision, int articleCount,
                               int charCount) {
    }

    @Serdeable
    public record SectionView(long id, String label, @Nullable String title) {
    }

    @Serdeable
    public record ArticleBrief(long id, long documentId, @Nullable Long sectionId, String label, @Nullable String title,
                               int charCount) {
    }

    @Serdeable
    public record DocumentDetail(long id, String key, String title, DocumentKind kind, int revision, int articleCount,
                                 int charCount, List<String> frontMatter, List<SectionView> sections,
                                 List<ArticleBrief> articles) {
    }

    @Serdeable
    public record ArticleView(long id, long documentId, String documentTitle, @Nullable Long sectionId, String label,
                              @Nullable String title, String body, int charCount, int minimumSeconds, boolean retired,
                              @Nullable Long successorId, @Nullable Long previousId, @Nullable Long nextId,
                              boolean favourite) {
    }

    @Serdeable
    public record SessionView(long sessionId, long articleId, Instant startedAt, int minimumSeconds) {
    }

    @Serdeable
    public record FinishResult(long sessionId, long articleId, LocalDate businessDate, long dwellSeconds, int points,
                               boolean capped, boolean alreadyRead, boolean planArticle, boolean dayDone,
                               int currentStreak, int longestStreak) {
    }

    @Serdeable
    public record PlanRequest(@jakarta.validation.constraints.NotNull
                              @jakarta.validation.constraints.Size(min = 1, max = 20) List<Long> documentIds,
                              @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(50)
                              int articlesPerDay,
                              @jakarta.validation.constraints.NotNull LocalDate startDate) {
    }

    @Serdeable
    public record PlanDocument(long id, String title, int articleCount) {
    }

    @Serdeable
    public record PlanView(long planId, long orgId, boolean inherited, List<PlanDocument> documents,
                           int articlesPerDay, LocalDate startDate, int cycleArticles, int cycleDays) {
    }

    @Serdeable
    public record TodayArticle(long id, long documentId, String label, @Nullable String title, int charCount,
                               int minimumSeconds, boolean finished) {
    }

    @Serdeable
    public record MissedArticle(LocalDate assignedOn, long id, long documentId, String label, @Nullable String title,
                                int charCount, int minimumSeconds) {
    }

    @Serdeable
    public record TodayView(LocalDate date, @Nullable Long planId, @Nullable Long planOrgId, int dayNumber, int cycle,
                            @Nullable LocalDate startsOn, List<TodayArticle> articles, List<MissedArticle> missed,
                            boolean done, int currentStreak, int longestStreak) {
    }

    @Serdeable
    public record StreakView(int current, int longest, boolean todayDone, @Nullable LocalDate lastDoneDate) {
    }

    @Serdeable
    public record CalendarDay(LocalDate date, int articles, boolean done) {
    }

    @Serdeable
    public record CalendarView(String month, List<CalendarDay> days, int daysDone, int currentStreak,
                               int longestStreak) {
    }

    @Serdeable
    public record DocumentProgress(long documentId, String title, int articleCount, int articlesRead, int percent,
                                   @Nullable Long lastArticleId, @Nullable String lastArticleLabel,
                                   @Nullable Instant lastOpenedAt) {
    }

    @Serdeable
    public record NoteRequest(@jakarta.validation.constraints.NotBlank
                              @jakarta.validation.constraints.Size(max = 2000) String body,
                              @jakarta.validation.constraints.NotNull Visibility visibility) {
    }

    @Serdeable
    public record NoteView(long id, long articleId, String articleLabel, long memberId, String memberName,
                           Visibility visibility, String body, Instant createdAt, boolean mine) {
    }

    @Serdeable
    public record FavouriteView(long articleId, long documentId, String documentTitle, String label,
                                @Nullable String title, Instant createdAt) {
    }

    @Serdeable
    public record MemberCompletion(long memberId, String name, int articlesRead, int daysRead, int daysDone) {
    }

    @Serdeable
    public record MemberRef(long memberId, String name) {
    }

    @Serdeable
    public record CompletionView(long branchId, Period period, LocalDate from, LocalDate to, int memberCount,
                                 int membersRead, int membersDone, List<MemberCompletion> members,
                                 List<MemberRef> notRead) {
    }
}
