package app.vanguard.quiz;

import io.micronaut.core.annotation.Nullable;

/** One member's attempt at a contest; the deadline was fixed by the server when it started. */
record Attempt(long id, long contestId, long memberId, @Nullable Long branchId, int attemptNo, long startedAtMs,
               long deadlineMs, @Nullable Long finishedAtMs, int score, int correctCount, long timeUsedMs) {

    boolean finished() {
        return finishedAtMs != null;
    }
}
