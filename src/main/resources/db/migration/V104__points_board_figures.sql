-- points: the boards' figures kept beside the ledger, written in each award's own transaction (issue 17): a member's
-- points per branch and business day, and per branch over all time, with when the last of them was awarded. What a
-- board holds for a member is read from here inside the award's transaction - a bounded read however long the
-- member's history (the all-time sum no longer reads every entry) - so the after-commit step only writes Redis.
-- The ledger (points_entry) stays the truth: a rebuild reads it, and these rows are its sums.
CREATE TABLE points_board_day (
    member_id       BIGINT NOT NULL,
    business_date   DATE   NOT NULL,
    branch_id       BIGINT NOT NULL,
    points          BIGINT NOT NULL,
    reached_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (member_id, business_date, branch_id),
    KEY ix_points_board_day_date (business_date)   -- the retention rule's cut-off
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE points_board_total (
    member_id       BIGINT NOT NULL,
    branch_id       BIGINT NOT NULL,
    points          BIGINT NOT NULL,
    reached_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (member_id, branch_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Existing entries: the same sums the boards were built from (points > 0, with a branch).
INSERT INTO points_board_day (member_id, business_date, branch_id, points, reached_at_ms)
SELECT member_id, business_date, branch_id, SUM(points), MAX(created_at_ms) FROM points_entry
WHERE points > 0 AND branch_id IS NOT NULL GROUP BY member_id, business_date, branch_id;

INSERT INTO points_board_total (member_id, branch_id, points, reached_at_ms)
SELECT member_id, branch_id, SUM(points), MAX(created_at_ms) FROM points_entry
WHERE points > 0 AND branch_id IS NOT NULL GROUP BY member_id, branch_id;
