package app.vanguard.checkin;

/** The meetings of 三会一课 and the other organisational life a branch must hold, with how often (from the seeds). */
public enum MeetingType {
    /** 支部党员大会: quarterly. */
    BRANCH_GENERAL_MEETING(Cadence.QUARTERLY),
    /** 支部委员会（会议）: monthly; the branch committee attends. */
    BRANCH_COMMITTEE_MEETING(Cadence.MONTHLY),
    /** 党小组会: monthly, one group's members attend. */
    GROUP_MEETING(Cadence.MONTHLY),
    /** 党课: quarterly. */
    PARTY_LESSON(Cadence.QUARTERLY),
    /** 主题党日: monthly. */
    THEMED_PARTY_DAY(Cadence.MONTHLY),
    /** 组织生活会: yearly. */
    ORGANISATIONAL_LIFE_MEETING(Cadence.YEARLY),
    /** 民主评议党员: yearly. */
    DEMOCRATIC_APPRAISAL(Cadence.YEARLY);

    private final Cadence cadence;

    MeetingType(Cadence cadence) {
        this.cadence = cadence;
    }

    public Cadence cadence() {
        return cadence;
    }

    /** How often a required meeting must be held. */
    public enum Cadence {
        MONTHLY(1), QUARTERLY(3), YEARLY(12);

        private final int months;

        Cadence(int months) {
            this.months = months;
        }

        public int months() {
            return months;
        }
    }
}
