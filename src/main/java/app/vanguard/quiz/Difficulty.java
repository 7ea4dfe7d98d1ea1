package app.vanguard.quiz;

/** 难度. */
public enum Difficulty {
    EASY, MEDIUM, HARD
}
