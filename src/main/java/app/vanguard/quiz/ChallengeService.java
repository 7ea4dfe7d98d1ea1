package app.vanguard.quiz;

import app.vanguard.org.Caller;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsService;
import jakarta.inject.Singleton;

import java.util.List;

/** Challenge mode (挑战答题): runs of one server-timed question at a time; points by run length, capped per day. */
@Singleton
public class ChallengeService {

    private final ChallengeStore tx;
    private final QuizAccess access;
    private final PointsService points;
    private final QuizSettings.Challenge config;

    ChallengeService(ChallengeStore tx, QuizAccess access, PointsService points, QuizSettings.Challenge config) {
        this.tx = tx;
        this.access = access;
        this.points = points;
        this.config = config;
    }

    private List<Long> banks(Caller caller) {
        return QuizAccess.selfAndAncestors(access.branchOf(caller));
    }

    QuizViews.RunView start(Caller caller) {
        return view(tx.start(caller.memberId(), banks(caller)), null);
    }

    QuizViews.RunView get(Caller caller, long runId) {
        access.branchOf(caller);
        return view(tx.load(runId, caller.memberId()), null);
    }

    QuizViews.RunView answer(Caller caller, long runId, int number, String answer) {
        ChallengeStore.Answered answered = tx.answer(runId, caller.memberId(), number, answer, banks(caller));
        return view(answered.run(), answered.outcome());
    }

    /** An ended run earns its points once (the ledger is idempotent per run). */
    private QuizViews.RunView view(ChallengeStore.Run run, QuizViews.LastAnswer outcome) {
        int awarded = 0;
        if (run.endedAtMs() != null && run.length() > 0) {
            awarded = points.award(run.memberId(), PointsAction.CHALLENGE, "challenge:" + run.id(),
                    run.length() * config.getPointsPerAnswer()).points();
        }
        return tx.view(run, outcome, awarded);
    }
}
