package app.vanguard.quiz;

import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Questions a scheduled or running contest may draw (竞赛题目保密): practice and challenge runs never draw them and no
 * member-facing answer reveals them until every such contest has ended. Callers hold the connection.
 */
@Singleton
class ReservedQuestions {

    private final ContestStore contests;
    private final QuestionStore questions;
    private final QuizAccess access;

    ReservedQuestions(ContestStore contests, QuestionStore questions, QuizAccess access) {
        this.contests = contests;
        this.questions = questions;
        this.access = access;
    }

    /** The ids of every question that a contest not yet ended at {@code nowMs} can draw. */
    Set<Long> at(long nowMs) {
        Set<Long> ids = new HashSet<>();
        for (Contest c : contests.unended(nowMs)) {
            List<Long> banks = QuizAccess.selfAndAncestors(access.organisation(c.orgId()));
            ids.addAll(questions.candidates(banks, null, c.tags()));
        }
        return ids;
    }
}
