package app.vanguard.quiz;

import jakarta.inject.Singleton;

/** What a contest can award (竞赛积分预算): a budget by the organising level, shared out by score. */
@Singleton
class ContestBudget {

    private final QuizAccess access;
    private final QuizSettings.Budget budget;

    ContestBudget(QuizAccess access, QuizSettings.Budget budget) {
        this.access = access;
        this.budget = budget;
    }

    /** The most CONTEST points one contestant can earn from the contest. */
    int of(Contest contest) {
        return switch (access.organisation(contest.orgId()).type()) {
            case COMMITTEE -> budget.getCommittee();
            case GENERAL_BRANCH -> budget.getGeneralBranch();
            default -> budget.getBranch();
        };
    }

    /** A contestant's points: the budget times the share of the full score they reached, rounded down. */
    int pointsFor(Contest contest, int score) {
        long full = (long) contest.questionCount() * contest.pointsPerQuestion();
        if (full <= 0 || score <= 0) {
            return 0;
        }
        return (int) (of(contest) * Math.min(score, full) / full);
    }
}
