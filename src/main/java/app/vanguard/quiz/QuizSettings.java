package app.vanguard.quiz;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** vanguard.quiz.*: timing and daily-practice settings. */
@ConfigurationProperties("vanguard.quiz")
public class QuizSettings {

    /** Answers arriving this long after an attempt's deadline still count (network delay); later ones are refused. */
    private Duration grace = Duration.ofSeconds(5);
    /** How long an instance holds a contest's award job before another may take it over (renewed while working). */
    private Duration awardLease = Duration.ofSeconds(60);
    /** After a failed award run, how long before any instance runs the job again. */
    private Duration awardRetry = Duration.ofSeconds(10);
    /**
     * How long an instance keeps what a contest's hot paths read and never changes: an unfrozen contest's row,
     * questions by id, and the ids a contest draws from (a pool only grows; a draw that finds it too small reads
     * it again). Bounded in size; see QuizCache.
     */
    private Duration cacheTtl = Duration.ofSeconds(10);
    /**
     * How often the live boards of started, unfrozen contests are compared with MySQL and what is missing is put
     * again (a board write lost when Redis failed after a submit's commit, or a crash between the two); one instance
     * does it per contest and round.
     */
    private Duration boardCatchUpInterval = Duration.ofSeconds(30);

    public Duration getBoardCatchUpInterval() {
        return boardCatchUpInterval;
    }

    public void setBoardCatchUpInterval(Duration boardCatchUpInterval) {
        this.boardCatchUpInterval = boardCatchUpInterval;
    }

    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    public Duration getAwardLease() {
        return awardLease;
    }

    public void setAwardLease(Duration awardLease) {
        this.awardLease = awardLease;
    }

    public Duration getAwardRetry() {
        return awardRetry;
    }

    public void setAwardRetry(Duration awardRetry) {
        this.awardRetry = awardRetry;
    }

    public Duration getGrace() {
        return grace;
    }

    public void setGrace(Duration grace) {
        this.grace = grace;
    }

    /** vanguard.quiz.practice.* (its own bean: inject {@code QuizSettings.Practice}). */
    @ConfigurationProperties("practice")
    public static class Practice {
        private int questionsPerDay = 5;
        private int pointsPerCorrect = 2;
        private int avoidDays = 7;

        public int getQuestionsPerDay() {
            return questionsPerDay;
        }

        public void setQuestionsPerDay(int questionsPerDay) {
            this.questionsPerDay = questionsPerDay;
        }

        public int getPointsPerCorrect() {
            return pointsPerCorrect;
        }

        public void setPointsPerCorrect(int pointsPerCorrect) {
            this.pointsPerCorrect = pointsPerCorrect;
        }

        public int getAvoidDays() {
            return avoidDays;
        }

        public void setAvoidDays(int avoidDays) {
            this.avoidDays = avoidDays;
        }
    }

    /** vanguard.quiz.challenge.* (its own bean: inject {@code QuizSettings.Challenge}). */
    @ConfigurationProperties("challenge")
    public static class Challenge {
        private int secondsPerQuestion = 20;
        private int pointsPerAnswer = 1;
        /** Runs a member may start per Asia/Shanghai day (a run shows each answer: unlimited runs map a bank). */
        private int runsPerDay = 5;

        public int getRunsPerDay() {
            return runsPerDay;
        }

        public void setRunsPerDay(int runsPerDay) {
            this.runsPerDay = runsPerDay;
        }

        public int getSecondsPerQuestion() {
            return secondsPerQuestion;
        }

        public void setSecondsPerQuestion(int secondsPerQuestion) {
            this.secondsPerQuestion = secondsPerQuestion;
        }

        public int getPointsPerAnswer() {
            return pointsPerAnswer;
        }

        public void setPointsPerAnswer(int pointsPerAnswer) {
            this.pointsPerAnswer = pointsPerAnswer;
        }
    }

    /**
     * vanguard.quiz.contest-budget.*: the most CONTEST points one contestant can earn from one contest, set by the
     * level of the organisation that organises it (a full score earns the whole budget, a partial score its share).
     * The organiser's points per question only rank the contest; they do not decide what it awards.
     */
    @ConfigurationProperties("contest-budget")
    public static class Budget {
        private int committee = 50;
        private int generalBranch = 30;
        private int branch = 20;

        public int getCommittee() {
            return committee;
        }

        public void setCommittee(int committee) {
            this.committee = committee;
        }

        public int getGeneralBranch() {
            return generalBranch;
        }

        public void setGeneralBranch(int generalBranch) {
            this.generalBranch = generalBranch;
        }

        public int getBranch() {
            return branch;
        }

        public void setBranch(int branch) {
            this.branch = branch;
        }
    }

    long graceMs() {
        return grace.toMillis();
    }
}
