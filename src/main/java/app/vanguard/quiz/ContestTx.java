package app.vanguard.quiz;

import app.vanguard.org.MemberStore;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.GroupCommit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** The transactional steps of a contest. Redis is never touched here (see {@link ContestService}). */
@Singleton
public class ContestTx {

    private static final Random RANDOM = new SecureRandom();

    private final ContestStore store;
    private final QuestionStore questions;
    private final QuizCache cache;
    private final QuizSettings config;
    private final MemberStore members;
    private final OrganisationRepository organisations;
    private final Clock clock;

    ContestTx(ContestStore store, QuestionStore questions, QuizCache cache, QuizSettings config, MemberStore members,
              OrganisationRepository organisations, Clock clock) {
        this.cache = cache;
        this.members = members;
        this.organisations = organisations;
        this.store = store;
        this.questions = questions;
        this.config = config;
        this.clock = clock;
    }

    @jakarta.inject.Inject app.vanguard.notification.Notifier notifier; // 通知: one-line hooks below

    /** Saves the contest; its subtree's members are told when it opens (a notice waiting until then). */
    @Transactional
    public Contest create(Contest c) {
        long id = store.insert(c);
        Contest saved = store.find(id).orElseThrow();
        Organisation org = organisations.findById(saved.orgId()).orElseThrow();
        notifier.notifyAt(members.enabledIdsInSubtree(org.path()), app.vanguard.notification.NotificationKind.CONTEST_OPENING,
                id, "", Instant.ofEpochMilli(saved.startsAtMs()), "title", saved.title(),
                "startsAt", Instant.ofEpochMilli(saved.startsAtMs()), "endsAt", Instant.ofEpochMilli(saved.endsAtMs()));
        return saved;
    }

    @Connectable // one statement: no transaction (bench/: each costs 3 extra round trips)
    public Contest contest(long contestId) {
        return store.find(contestId).orElseThrow(() -> ApiException.notFound("Contest " + contestId));
    }

    @Transactional(readOnly = true)
    public List<Contest> contestsFor(List<Long> orgIds, int limit, long offset) {
        return store.forOrgs(orgIds, limit, offset);
    }

    @Transactional(readOnly = true)
    public long countContestsFor(List<Long> orgIds) {
        return store.countForOrgs(orgIds);
    }

    /** How many questions the contest's banks hold for each draw it will make. */
    @Transactional(readOnly = true)
    public Map<Difficulty, Integer> poolSizes(List<Long> bankOrgIds, List<String> tags) {
        Map<Difficulty, Integer> sizes = new HashMap<>();
        for (Difficulty d : Difficulty.values()) {
            sizes.put(d, questions.candidates(bankOrgIds, d, tags).size());
        }
        return sizes;
    }

    /** What starting an attempt produced: the attempt, and whether it was already running. */
    record Started(Snapshot snapshot, boolean existing, @Nullable Attempt timedOut) {

        Attempt attempt() {
            return snapshot.attempt();
        }
    }

    /**
     * An attempt as a transaction read or wrote it: its question set, the answers it holds (by question id) and those
     * questions, so its view is built in memory without reading it all again.
     */
    record Snapshot(Attempt attempt, List<ContestStore.AttemptQuestion> questions, Map<Long, ContestStore.Answer> answers,
                    Map<Long, Question> byId) {
    }

    /** The attempt's question set and answers in one statement, its questions from the cache. */
    private Snapshot snapshot(Attempt a) {
        ContestStore.Sheet sheet = store.sheets(List.of(a.id())).getOrDefault(a.id(), ContestStore.Sheet.EMPTY);
        return new Snapshot(a, sheet.questions(), sheet.answers(), questionsOf(sheet.questions()));
    }

    private Map<Long, Question> questionsOf(List<ContestStore.AttemptQuestion> aqs) {
        return cache.questions(aqs.stream().map(ContestStore.AttemptQuestion::questionId).toList(), questions::byIds);
    }

    /** One start of a batch: the contest (as the caller may take part in it), the banks it draws from, the member. */
    record StartItem(Contest contest, List<Long> bankOrgIds, long memberId, @Nullable Long branchId) {
    }

    /** A new attempt of a batch, before and after its row is inserted. */
    private static final class NewAttempt {
        final StartItem item;
        final int attemptNo;
        final long startedAtMs;
        final long deadlineMs;
        final List<ContestStore.AttemptQuestion> questions = new ArrayList<>();
        Map<Long, Question> byId;
        long id;

        NewAttempt(StartItem item, int attemptNo, long startedAtMs, long deadlineMs) {
            this.item = item;
            this.attemptNo = attemptNo;
            this.startedAtMs = startedAtMs;
            this.deadlineMs = deadlineMs;
        }

        Snapshot snapshot() {
            return new Snapshot(new Attempt(id, item.contest().id(), item.memberId(), item.branchId(), attemptNo,
                    startedAtMs, deadlineMs, null, 0, 0, 0), questions, Map.of(), byId);
        }
    }

    /**
     * Many starts on the caller's transaction, in a constant number of statements: the members' attempts read in one
     * statement, the new attempts inserted in one multi-row statement, then their question sets and the sheets of
     * attempts already running in one round trip. Per item the rules of one start: the contest must be running; an
     * attempt still open (deadline plus grace) is answered again ({@code existing}); with every attempt used,
     * 409 NO_ATTEMPTS_LEFT; an open attempt whose time is up is closed first (rare: its own statements); then the
     * questions are drawn, their order and each question's option order fixed, and the deadline set. The same
     * member twice in a batch: the first starts, the later ones answer with that attempt. A member's attempt number
     * taken meanwhile by another batch or instance throws {@link app.vanguard.shared.Sql.Duplicate} (the group
     * commit then runs each start alone, and the service starts again, finding that attempt).
     */
    @Transactional
    public List<GroupCommit.Outcome<Started>> startAll(List<StartItem> items) {
        long now = clock.millis();
        Map<List<Long>, List<Attempt>> mine = new HashMap<>();
        List<long[]> pairs = new ArrayList<>();
        for (StartItem it : items) {
            if (now >= it.contest().startsAtMs() && now < it.contest().endsAtMs()) {
                pairs.add(new long[] {it.contest().id(), it.memberId()});
            }
        }
        for (Attempt a : store.attemptsOf(pairs)) {
            mine.computeIfAbsent(List.of(a.contestId(), a.memberId()), k -> new ArrayList<>()).add(a);
        }
        Map<List<Long>, NewAttempt> created = new HashMap<>();
        Object[] plan = new Object[items.size()];
        @Nullable Attempt[] timedOutOf = new Attempt[items.size()];
        List<Long> running = new ArrayList<>();
        List<NewAttempt> fresh = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            StartItem it = items.get(i);
            Contest contest = it.contest();
            if (now < contest.startsAtMs() || now >= contest.endsAtMs()) {
                plan[i] = ApiException.conflict("CONTEST_NOT_OPEN", "The contest is not running");
                continue;
            }
            List<Long> key = List.of(contest.id(), it.memberId());
            NewAttempt earlier = created.get(key);
            if (earlier != null) {
                plan[i] = List.of(earlier); // the same member earlier in this batch: that attempt, as existing
                continue;
            }
            List<Attempt> attempts = mine.getOrDefault(key, List.of());
            Attempt open = attempts.stream().filter(a -> !a.finished()).findFirst().orElse(null);
            if (open != null && now <= open.deadlineMs() + config.graceMs()) {
                plan[i] = open;
                running.add(open.id());
                continue;
            }
            if (attempts.size() >= contest.attemptsAllowed()) {
                plan[i] = ApiException.conflict("NO_ATTEMPTS_LEFT", "All " + contest.attemptsAllowed()
                        + " attempts of this contest are used");
                continue;
            }
            try {
                List<Long> drawn = draw(contest, it.bankOrgIds());
                if (open != null) {
                    Attempt locked = store.lockAttempt(open.id()).orElseThrow();
                    if (store.finish(locked, locked.deadlineMs(), contest.pointsPerQuestion())) {
                        timedOutOf[i] = locked;
                    }
                }
                NewAttempt n = new NewAttempt(it, attempts.size() + 1, now,
                        Math.min(now + contest.timeLimitSeconds() * 1000L, contest.endsAtMs()));
                n.byId = cache.questions(drawn, questions::byIds);
                int position = 1;
                for (Long qid : drawn) {
                    Question q = n.byId.get(qid);
                    int[] order = QuestionRules.identity(q.options().size());
                    if (q.type().shuffles()) {
                        shuffle(order);
                    }
                    n.questions.add(new ContestStore.AttemptQuestion(position++, qid,
                            q.options().isEmpty() ? null : QuestionRules.encodeOrder(order)));
                }
                created.put(key, n);
                fresh.add(n);
                plan[i] = n;
            } catch (ApiException e) {
                plan[i] = e;
            }
        }
        List<Object[]> attemptRows = new ArrayList<>();
        for (NewAttempt n : fresh) {
            attemptRows.add(new Object[] {n.item.contest().id(), n.item.memberId(), n.item.branchId(), n.attemptNo,
                    n.startedAtMs, n.deadlineMs});
        }
        long[] ids = store.insertAttempts(attemptRows);
        List<Object[]> questionRows = new ArrayList<>();
        for (int k = 0; k < fresh.size(); k++) {
            NewAttempt n = fresh.get(k);
            n.id = ids[k];
            n.questions.forEach(aq -> questionRows.add(new Object[] {n.id, aq.position(), aq.questionId(),
                    aq.optionOrder()}));
        }
        Map<Long, ContestStore.Sheet> sheets = store.insertQuestionsReadingSheets(questionRows,
                running.stream().distinct().toList());
        List<GroupCommit.Outcome<Started>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object p = plan[i];
            if (p instanceof ApiException e) {
                out.add(GroupCommit.Outcome.failed(e));
            } else if (p instanceof NewAttempt n) {
                out.add(GroupCommit.Outcome.ok(new Started(n.snapshot(), false, timedOutOf[i])));
            } else if (p instanceof List<?> ref) {
                out.add(GroupCommit.Outcome.ok(new Started(((NewAttempt) ref.get(0)).snapshot(), true, null)));
            } else {
                Attempt a = (Attempt) p;
                ContestStore.Sheet sheet = sheets.getOrDefault(a.id(), ContestStore.Sheet.EMPTY);
                out.add(GroupCommit.Outcome.ok(new Started(new Snapshot(a, sheet.questions(), sheet.answers(),
                        questionsOf(sheet.questions())), true, null)));
            }
        }
        return out;
    }

    private List<Long> draw(Contest contest, List<Long> bankOrgIds) {
        List<Long> drawn = new ArrayList<>();
        if (contest.hasMix()) {
            drawFrom(bankOrgIds, Difficulty.EASY, contest.tags(), contest.easyCount(), drawn);
            drawFrom(bankOrgIds, Difficulty.MEDIUM, contest.tags(), contest.mediumCount(), drawn);
            drawFrom(bankOrgIds, Difficulty.HARD, contest.tags(), contest.hardCount(), drawn);
        } else {
            drawFrom(bankOrgIds, null, contest.tags(), contest.questionCount(), drawn);
        }
        Collections.shuffle(drawn, RANDOM);
        return drawn;
    }

    private void drawFrom(List<Long> bankOrgIds, Difficulty d, List<String> tags, int n, List<Long> into) {
        if (n == 0) {
            return;
        }
        List<Long> pool = new ArrayList<>(cache.pool(new QuizCache.PoolKey(List.copyOf(bankOrgIds), d, List.copyOf(tags)), n,
                key -> questions.candidates(key.banks(), key.difficulty(), key.tags())));
        if (pool.size() < n) {
            throw ApiException.conflict("NOT_ENOUGH_QUESTIONS", "The question banks no longer hold enough questions "
                    + "for this contest");
        }
        Collections.shuffle(pool, RANDOM);
        into.addAll(pool.subList(0, n));
    }

    private static void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** The attempt, if it is the member's attempt at this contest; closes it first if its time is up. */
    record Loaded(Snapshot snapshot, boolean timedOutNow) {
    }

    @Transactional
    public Loaded load(Contest contest, long attemptId, long memberId) {
        Attempt a = own(store.attempt(attemptId), contest, memberId);
        long now = clock.millis();
        if (!a.finished() && now > a.deadlineMs() + config.graceMs()) {
            Attempt locked = store.lockAttempt(a.id()).orElseThrow();
            boolean closed = store.finish(locked, locked.deadlineMs(), contest.pointsPerQuestion());
            return new Loaded(snapshot(store.attempt(attemptId).orElseThrow()), closed);
        }
        return new Loaded(snapshot(a), false);
    }

    /** The attempt as its contestant sees it, built in memory from what its transaction read and wrote. */
    public ContestViews.AttemptView view(Contest contest, Snapshot s) {
        Attempt a = s.attempt();
        long now = clock.millis();
        boolean reveal = a.finished() && contest.revealAnswers() && now >= contest.endsAtMs();
        List<ContestStore.AttemptQuestion> aqs = s.questions();
        Map<Long, Question> byId = s.byId();
        Map<Long, ContestStore.Answer> answers = s.answers();
        List<ContestViews.AttemptQuestionView> out = new ArrayList<>();
        for (ContestStore.AttemptQuestion aq : aqs) {
            Question q = byId.get(aq.questionId());
            int[] order = QuestionRules.decodeOrder(aq.optionOrder(), q.options().size());
            ContestStore.Answer given = answers.get(q.id());
            ContestViews.Review review = reveal ? new ContestViews.Review(given != null && given.correct(),
                    QuestionRules.displayAnswer(q, order), q.explanation()) : null;
            out.add(new ContestViews.AttemptQuestionView(aq.position(), q.type(), q.stem(), QuestionRules.shown(q, order),
                    given == null ? null : given.answer(), review));
        }
        ContestViews.AttemptResult result = a.finished()
                ? new ContestViews.AttemptResult(a.score(), a.correctCount(), aqs.size(), a.timeUsedMs()) : null;
        long remaining = a.finished() ? 0 : Math.max(0, a.deadlineMs() - now);
        return new ContestViews.AttemptView(a.id(), a.contestId(), a.attemptNo(), a.finished() ? "FINISHED" : "OPEN",
                Instant.ofEpochMilli(a.startedAtMs()), Instant.ofEpochMilli(a.deadlineMs()), Instant.ofEpochMilli(now),
                remaining, a.finishedAtMs() == null ? null : Instant.ofEpochMilli(a.finishedAtMs()), result, out);
    }

    /**
     * Records one answer. A repeat of the stored answer is a no-op ({@code duplicate}); a different answer to a
     * question already answered is refused (409 ANSWER_LOCKED); after the deadline plus grace, 409 DEADLINE_PASSED.
     */
    @Transactional
    public ContestViews.AnswerReceipt answer(Contest contest, long attemptId, long memberId, int position, String given) {
        Attempt a = own(store.lockAttempt(attemptId), contest, memberId);
        ContestStore.AttemptQuestion aq = store.questionAt(a.id(), position)
                .orElseThrow(() -> ApiException.notFound("Question " + position + " of attempt " + attemptId));
        Question q = cache.questions(List.of(aq.questionId()), questions::byIds).get(aq.questionId());
        String normalised = QuestionRules.normaliseGiven(q, given);
        if (normalised == null) {
            throw ApiException.invalid("answer", q.type() == QuestionType.FILL_IN ? "the answer text is required"
                    : "must be option letters among those shown");
        }
        Optional<ContestStore.Answer> stored = store.answerTo(a.id(), q.id());
        if (stored.isPresent()) {
            return same(stored.get(), normalised, position);
        }
        long now = clock.millis();
        if (a.finished()) {
            throw ApiException.conflict("ATTEMPT_FINISHED", "This attempt is already submitted");
        }
        if (now > a.deadlineMs() + config.graceMs()) {
            throw ApiException.conflict("DEADLINE_PASSED", "The time for this attempt is up");
        }
        int[] order = QuestionRules.decodeOrder(aq.optionOrder(), q.options().size());
        if (!store.insertAnswer(a.id(), q.id(), position, normalised, QuestionRules.isCorrect(q, order, normalised), now)) {
            return same(store.answerTo(a.id(), q.id()).orElseThrow(), normalised, position);
        }
        return new ContestViews.AnswerReceipt(position, normalised, false);
    }

    private static ContestViews.AnswerReceipt same(ContestStore.Answer stored, String normalised, int position) {
        if (!stored.answer().equals(normalised)) {
            throw ApiException.conflict("ANSWER_LOCKED", "Question " + position
                    + " was already answered; an answer cannot be changed");
        }
        return new ContestViews.AnswerReceipt(position, stored.answer(), true);
    }

    /** One submit of a batch: the contest (as the caller may take part in it), the attempt and the answers sent. */
    record SubmitItem(Contest contest, long attemptId, long memberId, List<ContestViews.SubmitAnswer> answers) {
    }

    /** What a submit produced: the attempt after it, and whether this submit closed it (else it was closed before). */
    record Submitted(Snapshot snapshot, boolean finishedNow) {

        Attempt attempt() {
            return snapshot.attempt();
        }
    }

    /**
     * Many submits on the caller's transaction, in a constant number of statements: the attempts locked in one
     * statement, their question sets and stored answers read in one, the new answers inserted in one multi-row
     * statement and the attempts closed and scored in one. Each item's outcome in item order; an item's rule failure
     * (not its attempt) is its outcome, never thrown. Items on the same attempt run in order: the first closes it,
     * the later ones answer with the attempt as the first left it (as a repeated submit always did).
     *
     * <p>Per item the rules of one submit: an attempt already closed answers as it is; else the answers not given
     * before are recorded while time remains (deadline plus grace), the first answer to a question keeping it (a
     * question answered before, or earlier in the body, ignores later ones; unknown positions and malformed answers
     * count as not answered), and the attempt closes at the submit (or at its deadline, if later) with its correct
     * answers scored.
     */
    @Transactional
    public List<GroupCommit.Outcome<Submitted>> submitAll(List<SubmitItem> items) {
        List<Long> ids = items.stream().map(SubmitItem::attemptId).distinct().sorted().toList();
        ContestStore.LockedSheets read = store.lockAttemptsWithSheets(ids);
        Map<Long, Attempt> attempts = read.attempts();
        Map<Long, ContestStore.Sheet> sheets = new HashMap<>();
        items.stream().filter(it -> owns(attempts.get(it.attemptId()), it)).map(SubmitItem::attemptId)
                .forEach(id -> sheets.put(id, read.sheets().getOrDefault(id, ContestStore.Sheet.EMPTY)));
        List<Long> questionIds = new ArrayList<>();
        sheets.values().forEach(sh -> sh.questions().forEach(aq -> questionIds.add(aq.questionId())));
        Map<Long, Question> byId = cache.questions(questionIds.stream().distinct().toList(), questions::byIds);
        Map<Long, Map<Long, ContestStore.Answer>> answersOf = new HashMap<>();
        List<Object[]> answerRows = new ArrayList<>();
        List<Attempt> closed = new ArrayList<>();
        List<GroupCommit.Outcome<Submitted>> out = new ArrayList<>();
        for (SubmitItem it : items) {
            Attempt a = attempts.get(it.attemptId());
            if (!owns(a, it)) {
                out.add(GroupCommit.Outcome.failed(ApiException.notFound("Attempt")));
                continue;
            }
            ContestStore.Sheet sheet = sheets.getOrDefault(a.id(), ContestStore.Sheet.EMPTY);
            Map<Long, ContestStore.Answer> answers = answersOf.computeIfAbsent(a.id(),
                    k -> new java.util.LinkedHashMap<>(sheet.answers()));
            if (a.finished()) {
                out.add(GroupCommit.Outcome.ok(new Submitted(new Snapshot(a, sheet.questions(), Map.copyOf(answers),
                        byId), false)));
                continue;
            }
            long now = clock.millis();
            if (now <= a.deadlineMs() + config.graceMs()) {
                Map<Integer, ContestStore.AttemptQuestion> byPosition = new HashMap<>();
                sheet.questions().forEach(aq -> byPosition.put(aq.position(), aq));
                for (ContestViews.SubmitAnswer given : it.answers()) {
                    ContestStore.AttemptQuestion aq = byPosition.get(given.position());
                    if (aq == null || answers.containsKey(aq.questionId())) {
                        continue; // unknown position, or answered before (or earlier in this body): the first stays
                    }
                    Question q = byId.get(aq.questionId());
                    String normalised = QuestionRules.normaliseGiven(q, given.answer());
                    if (normalised == null) {
                        continue; // unanswered or malformed: counts as not answered
                    }
                    int[] order = QuestionRules.decodeOrder(aq.optionOrder(), q.options().size());
                    boolean correct = QuestionRules.isCorrect(q, order, normalised);
                    answers.put(q.id(), new ContestStore.Answer(q.id(), aq.position(), normalised, correct, now));
                    answerRows.add(new Object[] {a.id(), q.id(), aq.position(), normalised, correct, now});
                }
            }
            int correctCount = (int) answers.values().stream().filter(ContestStore.Answer::correct).count();
            long finishedAt = Math.min(now, a.deadlineMs());
            Attempt done = new Attempt(a.id(), a.contestId(), a.memberId(), a.branchId(), a.attemptNo(),
                    a.startedAtMs(), a.deadlineMs(), finishedAt, correctCount * it.contest().pointsPerQuestion(),
                    correctCount, finishedAt - a.startedAtMs());
            attempts.put(a.id(), done);
            closed.add(done);
            out.add(GroupCommit.Outcome.ok(new Submitted(new Snapshot(done, sheet.questions(), Map.copyOf(answers), byId),
                    true)));
        }
        // One round trip for both; answers in body order (none of them stored before, see above).
        store.writeSubmits(answerRows, closed);
        return out;
    }

    private static boolean owns(@Nullable Attempt a, SubmitItem it) {
        return a != null && a.contestId() == it.contest().id() && a.memberId() == it.memberId();
    }

    @Connectable
    public Optional<Attempt> bestAttempt(long contestId, long memberId) {
        return store.bestAttempt(contestId, memberId);
    }

    @Transactional(readOnly = true)
    public List<Attempt> attemptsOf(long contestId, long memberId) {
        return store.attemptsOf(contestId, memberId);
    }

    @Transactional(readOnly = true)
    public List<Attempt> bestAttempts(long contestId) {
        return store.bestAttempts(contestId);
    }

    /** Freezes the results once the contest is over (plus grace). Returns false if it is not over or already frozen. */
    @Transactional
    public boolean freeze(long contestId) {
        Contest c = store.lock(contestId).orElseThrow();
        long now = clock.millis();
        if (c.frozenAtMs() != null || now <= c.endsAtMs() + config.graceMs()) {
            return false;
        }
        store.finishAllOpen(c.id(), c.pointsPerQuestion());
        int rank = 0;
        List<Long> contestants = new ArrayList<>();
        for (Attempt best : store.bestAttempts(c.id())) {
            store.insertResult(c.id(), best, ++rank);
            contestants.add(best.memberId());
        }
        store.markFrozen(c.id(), now);
        notifier.notify(contestants, app.vanguard.notification.NotificationKind.CONTEST_RESULTS, c.id(), "",
                "title", c.title());
        return true;
    }

    // --- award jobs: each step its own short transaction (autocommit), so a lease is visible to every instance

    @Transactional
    public Optional<Long> claimAward(String owner, long leaseMs) {
        return store.claimAward(owner, clock.millis(), leaseMs);
    }

    @Transactional
    public boolean renewAward(long contestId, String owner, long leaseMs) {
        return store.renewAward(contestId, owner, clock.millis() + leaseMs);
    }

    @Transactional
    public boolean finishAward(long contestId, String owner, int awarded) {
        return store.finishAward(contestId, owner, awarded, clock.millis());
    }

    @Transactional
    public void failAward(long contestId, String owner, String error, long retryAfterMs) {
        store.failAward(contestId, owner, error, clock.millis() + retryAfterMs);
    }

    @Connectable
    public Optional<String> awardState(long contestId) {
        return store.awardState(contestId);
    }

    /** The contest's results in rank order, with the members' names and branches. */
    @Transactional(readOnly = true)
    public List<ContestStore.Result> results(long contestId) {
        List<ContestStore.Result> results = store.results(contestId);
        Map<Long, MemberStore.MemberName> names = members.names(results.stream().map(ContestStore.Result::memberId)
                .toList());
        return results.stream().map(r -> {
            MemberStore.MemberName n = names.get(r.memberId());
            return r.named(n == null ? "" : n.name(), r.branchId() == null ? null : branchName(r.branchId(), n));
        }).toList();
    }

    private String branchName(long branchId, MemberStore.MemberName n) {
        if (n != null && Long.valueOf(branchId).equals(n.branchId())) {
            return n.branchName();
        }
        return organisations.findById(branchId).map(Organisation::name).orElse(null);
    }

    /** Per branch of the subtree, ordered by id: enabled members and how many attempted the contest. */
    @Transactional(readOnly = true)
    public List<ContestStore.Participation> participation(long contestId, String pathPrefix) {
        List<Organisation> branches = organisations.findSubtree(pathPrefix).stream()
                .filter(o -> o.type() == OrgType.BRANCH).sorted(java.util.Comparator.comparing(Organisation::id))
                .toList();
        List<Long> ids = branches.stream().map(Organisation::id).toList();
        Map<Long, Long> enabled = members.enabledMembers(ids);
        Map<Long, Long> participants = store.participants(contestId, ids);
        return branches.stream().map(b -> new ContestStore.Participation(b.id(), b.name(),
                enabled.getOrDefault(b.id(), 0L), participants.getOrDefault(b.id(), 0L))).toList();
    }

    @Transactional(readOnly = true)
    public List<ContestViews.QuestionStat> questionStats(long contestId) {
        List<ContestStore.QuestionStat> stats = store.questionStats(contestId);
        Map<Long, Question> byId = questions.byIds(stats.stream().map(ContestStore.QuestionStat::questionId).toList());
        return stats.stream().map(s -> {
            Question q = byId.get(s.questionId());
            return new ContestViews.QuestionStat(s.questionId(), q.type(), q.stem(), s.shown(), s.answered(), s.correct(),
                    s.shown() == 0 ? 0 : (double) s.correct() / s.shown());
        }).toList();
    }

    public Map<Long, String> memberNames(java.util.Collection<Long> ids) {
        Map<Long, String> out = new HashMap<>();
        members.names(ids).forEach((id, n) -> out.put(id, n.name()));
        return out;
    }

    @Transactional(readOnly = true)
    public List<Long> liveUnfrozen() {
        return store.liveUnfrozen(clock.millis());
    }

    @Transactional(readOnly = true)
    public List<Long> endedUnfrozen() {
        return store.endedUnfrozen(clock.millis(), config.graceMs());
    }

    private static Attempt own(Optional<Attempt> attempt, Contest contest, long memberId) {
        return attempt.filter(a -> a.contestId() == contest.id() && a.memberId() == memberId)
                .orElseThrow(() -> ApiException.notFound("Attempt"));
    }

    static ApiException unprocessable(String code, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, code, message);
    }
}
