package app.vanguard.points;

/** The learning actions that earn points. Each has a daily cap (vanguard.points.daily-caps.ACTION). */
public enum PointsAction {
    /** 逐字逐句通读党章: finishing an article. */
    READING,
    /** 每日答题 */
    DAILY_PRACTICE,
    /** 挑战答题 */
    CHALLENGE,
    /** 知识竞赛 */
    CONTEST,
    /** 三会一课 / 主题党日 check-in. */
    CHECK_IN,
    /** 亮身份: a declaration verified by the secretary. */
    DECLARATION_VERIFIED,
    /** 承诺践诺: a commitment the secretary marked fulfilled. */
    COMMITMENT_FULFILLED
}
