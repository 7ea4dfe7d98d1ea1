-- reading: each member's streak kept in one row (issue 17), advanced by every finish that makes a later day done, so
-- GET /reading/today, the streak, the calendar, the reminders and each finish read one row instead of every done day
-- the member ever had. last_done = the last day whose reading was done, run_from = the first day of the run of
-- consecutive done days ending there, longest = the longest such run. No row: no day done yet.
CREATE TABLE reading_streak (
    member_id   BIGINT NOT NULL PRIMARY KEY,
    last_done   DATE   NOT NULL,
    run_from    DATE   NOT NULL,
    longest     INT    NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Existing days: runs of consecutive done days (a day minus its rank is constant along a run), per member the last
-- run's start and end and the longest run.
INSERT INTO reading_streak (member_id, last_done, run_from, longest)
SELECT member_id, MAX(e), SUBSTRING_INDEX(GROUP_CONCAT(s ORDER BY e DESC), ',', 1), MAX(n) FROM (
    SELECT member_id, MIN(business_date) s, MAX(business_date) e, COUNT(*) n FROM (
        SELECT member_id, business_date,
               DATE_SUB(business_date, INTERVAL ROW_NUMBER() OVER (PARTITION BY member_id ORDER BY business_date) DAY) g
        FROM reading_day WHERE done) d
    GROUP BY member_id, g) runs
GROUP BY member_id;
