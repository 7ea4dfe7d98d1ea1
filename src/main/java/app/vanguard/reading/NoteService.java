package app.vanguard.reading;

import app.vanguard.org.MemberStore;
import app.vanguard.org.Caller;
import app.vanguard.reading.ReadingViews.FavouriteView;
import app.vanguard.reading.ReadingViews.NoteRequest;
import app.vanguard.reading.ReadingViews.NoteView;
import app.vanguard.reading.ReadingViews.Visibility;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.PageResponse;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Study notes (学习心得) and favourites. A PRIVATE note is seen by its author only; a BRANCH note by the members of the
 * author's branch and those who may view the branch (its secretary, committee members, admins above). Nobody else,
 * and never a secretary reading a private note.
 */
@Singleton
public class NoteService {

    private final NoteStore store;
    private final MemberStore members;
    private final LibraryStore library;
    private final Clock clock;

    public NoteService(NoteStore store, MemberStore members, LibraryStore library, Clock clock) {
        this.store = store;
        this.members = members;
        this.library = library;
        this.clock = clock;
    }

    @Transactional
    public NoteView add(Caller caller, long articleId, NoteRequest request) {
        library.row(articleId).orElseThrow(() -> ApiException.notFound("Article " + articleId));
        if (request.visibility() == Visibility.BRANCH && caller.branchId() == null) {
            throw ApiException.invalid("visibility", "you are in no branch to share with");
        }
        long id = store.add(caller.memberId(), caller.branchId(), articleId, request.visibility(),
                request.body().trim(), clock.millis());
        return views(List.of(store.note(id).orElseThrow()), caller.memberId()).get(0);
    }

    /** My notes on the article, and the notes my branch shares on it; newest first. */
    @Transactional(readOnly = true)
    public PageResponse<NoteView> forArticle(Caller caller, long articleId, int page, int size) {
        library.row(articleId).orElseThrow(() -> ApiException.notFound("Article " + articleId));
        long branchId = caller.branchId() == null ? -1L : caller.branchId();
        return new PageResponse<>(views(store.forArticle(articleId, caller.memberId(), branchId, size,
                PageResponse.offset(page, size)), caller.memberId()), page, size,
                store.countForArticle(articleId, caller.memberId(), branchId));
    }

    /** A branch's shared notes (never the private ones), newest first. The caller checked the branch may be viewed. */
    @Transactional(readOnly = true)
    public PageResponse<NoteView> sharedInBranch(Caller caller, long branchId, int page, int size) {
        return new PageResponse<>(views(store.sharedInBranch(branchId, size, PageResponse.offset(page, size)),
                caller.memberId()), page, size, store.countSharedInBranch(branchId));
    }

    /** Deletes one of my notes; anyone else's answers 404. */
    @Transactional
    public void delete(Caller caller, long noteId) {
        if (!store.delete(noteId, caller.memberId())) {
            throw ApiException.notFound("Note " + noteId);
        }
    }

    @Transactional
    public void favourite(Caller caller, long articleId) {
        library.row(articleId).orElseThrow(() -> ApiException.notFound("Article " + articleId));
        store.favourite(caller.memberId(), articleId, clock.millis());
    }

    @Transactional
    public void unfavourite(Caller caller, long articleId) {
        library.row(articleId).orElseThrow(() -> ApiException.notFound("Article " + articleId));
        store.unfavourite(caller.memberId(), articleId);
    }

    @Transactional(readOnly = true)
    public PageResponse<FavouriteView> favourites(Caller caller, int page, int size) {
        return new PageResponse<>(store.favourites(caller.memberId(), size, PageResponse.offset(page, size)), page,
                size, store.countFavourites(caller.memberId()));
    }

    private List<NoteView> views(List<NoteStore.Note> notes, long me) {
        Map<Long, MemberStore.MemberName> names = members.names(notes.stream().map(NoteStore.Note::authorId)
                .collect(Collectors.toSet()));
        return notes.stream().map(n -> new NoteView(n.id(), n.articleId(), n.articleLabel(), n.authorId(),
                names.containsKey(n.authorId()) ? names.get(n.authorId()).name() : null, n.visibility(), n.body(),
                n.createdAt(), n.authorId() == me)).toList();
    }
}
