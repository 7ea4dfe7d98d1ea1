package app.vanguard.quiz;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** A contest (知识竞赛) of an organisation's subtree. Times are epoch milliseconds. */
record Contest(long id, long orgId, String title, long startsAtMs, long endsAtMs, int timeLimitSeconds,
               int questionCount, List<String> tags, @Nullable Integer easyCount, @Nullable Integer mediumCount,
               @Nullable Integer hardCount, int pointsPerQuestion, int attemptsAllowed, boolean revealAnswers,
               long createdBy, long createdAtMs, @Nullable Long frozenAtMs) {

    boolean hasMix() {
        return easyCount != null;
    }

    String state(long nowMs) {
        return nowMs < startsAtMs ? "UPCOMING" : nowMs < endsAtMs ? "RUNNING" : "ENDED";
    }
}
