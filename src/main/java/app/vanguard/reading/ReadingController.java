package app.vanguard.reading;

import app.vanguard.org.Caller;
import app.vanguard.org.Role;
import app.vanguard.reading.ReadingViews.ArticleView;
import app.vanguard.reading.ReadingViews.CalendarView;
import app.vanguard.reading.ReadingViews.DocumentDetail;
import app.vanguard.reading.ReadingViews.DocumentKind;
import app.vanguard.reading.ReadingViews.DocumentProgress;
import app.vanguard.reading.ReadingViews.DocumentView;
import app.vanguard.reading.ReadingViews.FavouriteView;
import app.vanguard.reading.ReadingViews.FinishResult;
import app.vanguard.reading.ReadingViews.ImportResult;
import app.vanguard.reading.ReadingViews.NoteRequest;
import app.vanguard.reading.ReadingViews.NoteView;
import app.vanguard.reading.ReadingViews.SessionView;
import app.vanguard.reading.ReadingViews.StreakView;
import app.vanguard.reading.ReadingViews.TodayView;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** 逐字逐句通读党章: the content library, reading sessions, today's plan, progress, notes and favourites. */
@Controller("/reading")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReadingController {

    private final DocumentOwnership documents;
    private final LibraryStore library;
    private final ReadingService reading;
    private final TodayService today;
    private final NoteService notes;
    private final ReadingCache cache;
    private final Clock clock;

    public ReadingController(DocumentOwnership documents, LibraryStore library, ReadingService reading, TodayService today,
                             NoteService notes, ReadingCache cache, Clock clock) {
        this.documents = documents;
        this.library = library;
        this.reading = reading;
        this.today = today;
        this.notes = notes;
        this.cache = cache;
        this.clock = clock;
    }

    /** Imports a plain-text or Markdown document (system admins and org admins; see {@link DocumentOwnership}). */
    @Post("/documents/import{?key,kind,title,orgId}")
    @Consumes({MediaType.TEXT_PLAIN, "text/markdown"})
    @Status(HttpStatus.CREATED)
    public ImportResult importDocument(Authentication authentication, @Nullable @QueryValue String key,
                                       @QueryValue(defaultValue = "OTHER") DocumentKind kind,
                                       @Nullable @QueryValue String title, @Nullable @QueryValue Long orgId,
                                       @Body String text) {
        ImportResult result = documents.importAs(Caller.of(authentication), orgId, key, title, kind, text);
        cache.plansChanged();
        return result;
    }

    @Get("/documents")
    public List<DocumentView> documents() {
        return library.documents();
    }

    @Get("/documents/{documentId}")
    public DocumentDetail document(long documentId) {
        return library.document(documentId);
    }

    @Get("/articles/{articleId}")
    public ArticleView article(Authentication authentication, long articleId) {
        return library.article(articleId, Caller.of(authentication).memberId());
    }

    /** Starts a reading session: the server notes the time. */
    @Post("/articles/{articleId}/open")
    @Status(HttpStatus.CREATED)
    public SessionView open(Authentication authentication, long articleId) {
        return reading.open(Caller.of(authentication), articleId);
    }

    /** Answered when the group commit holding the finish has committed; no thread waits meanwhile. */
    @Post("/sessions/{sessionId}/finish")
    public CompletableFuture<FinishResult> finish(Authentication authentication, long sessionId) {
        return reading.finish(Caller.of(authentication), sessionId);
    }

    @Get("/today")
    public TodayView today(Authentication authentication) {
        return today.today(Caller.of(authentication));
    }

    @Get("/me/streak")
    public StreakView streak(Authentication authentication) {
        return reading.streak(Caller.of(authentication));
    }

    @Get("/me/calendar{?month}")
    public CalendarView calendar(Authentication authentication, @Nullable @QueryValue String month) {
        YearMonth ym;
        try {
            ym = month == null || month.isBlank() ? YearMonth.from(BusinessTime.today(clock)) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("month", "must be a month like 2026-11");
        }
        return reading.calendar(Caller.of(authentication), ym);
    }

    @Get("/me/progress")
    public List<DocumentProgress> progress(Authentication authentication) {
        return reading.progress(Caller.of(authentication));
    }

    @Get("/articles/{articleId}/notes{?page,size}")
    public PageResponse<NoteView> notes(Authentication authentication, long articleId,
                                        @QueryValue(defaultValue = "0") @Min(0) int page,
                                        @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return notes.forArticle(Caller.of(authentication), articleId, page, size);
    }

    @Post("/articles/{articleId}/notes")
    @Status(HttpStatus.CREATED)
    public NoteView addNote(Authentication authentication, long articleId, @Body @Valid NoteRequest body) {
        return notes.add(Caller.of(authentication), articleId, body);
    }

    @Delete("/notes/{noteId}")
    @Status(HttpStatus.NO_CONTENT)
    public void deleteNote(Authentication authentication, long noteId) {
        notes.delete(Caller.of(authentication), noteId);
    }

    @Get("/favourites{?page,size}")
    public PageResponse<FavouriteView> favourites(Authentication authentication,
                                                  @QueryValue(defaultValue = "0") @Min(0) int page,
                                                  @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return notes.favourites(Caller.of(authentication), page, size);
    }

    @Put("/favourites/{articleId}")
    @Status(HttpStatus.NO_CONTENT)
    public void favourite(Authentication authentication, long articleId) {
        notes.favourite(Caller.of(authentication), articleId);
    }

    @Delete("/favourites/{articleId}")
    @Status(HttpStatus.NO_CONTENT)
    public void unfavourite(Authentication authentication, long articleId) {
        notes.unfavourite(Caller.of(authentication), articleId);
    }
}
