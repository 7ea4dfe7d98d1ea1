package app.vanguard.coverage;

/** Running coverage counts over enterprises (调查摸底 → 两个覆盖). */
final class Tally {

    long surveyed;
    long own;
    long joint;
    long affiliated;
    long industry;
    long notOrganised;
    long membersFound;
    long membersOutside;
    long instructors;

    void add(EnterpriseStore.Counted e) {
        surveyed++;
        switch (e.organisedAs()) {
            case OWN -> own++;
            case JOINT -> joint++;
            case AFFILIATED -> affiliated++;
            case INDUSTRY -> industry++;
            case NONE -> notOrganised++;
        }
        membersFound += e.members();
        if (!e.organisedAs().covered()) {
            membersOutside += e.members();
        }
        if (e.instructor()) {
            instructors++;
        }
    }

    long covered() {
        return own + joint + affiliated + industry;
    }

    /** Covered ÷ surveyed, to 4 decimals; null when nothing was surveyed. */
    static Double rate(long covered, long surveyed) {
        return surveyed == 0 ? null : Math.round(covered * 10000.0 / surveyed) / 10000.0;
    }

    CoverageViews.Figures figures() {
        return new CoverageViews.Figures(surveyed, own, joint, affiliated, industry, notOrganised, covered(),
                rate(covered(), surveyed), membersFound, membersOutside, instructors);
    }
}
