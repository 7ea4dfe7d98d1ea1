package app.vanguard.quiz;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** vanguard.quiz.*: timing and daily-practice settings. */
@ConfigurationProperties("vanguard.quiz")
public class QuizSettings {

    /** Answers arriving this long after an attempt's deadline still count (network delay); later ones are refused. */
    private Duration grace = Duration.ofSeconds(5);

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

    long graceMs() {
        return grace.toMillis();
    }
}
