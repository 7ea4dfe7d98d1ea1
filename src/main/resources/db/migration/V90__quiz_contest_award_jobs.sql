-- Awarding a frozen contest's points (issue 14, item 6): one job row per contest, written in the freeze's own
-- transaction, worked outside any request by whichever instance holds its lease (a MySQL row lease: lease_owner +
-- lease_until_ms, taken with one conditional UPDATE). Awards are idempotent by reference ("contest:<id>"), so a job
-- that failed part-way is simply run again. Epoch milliseconds throughout.
CREATE TABLE quiz_contest_award (
    contest_id      BIGINT       NOT NULL PRIMARY KEY,
    state           VARCHAR(16)  NOT NULL,        -- PENDING, DONE
    lease_owner     VARCHAR(64)  NULL,
    lease_until_ms  BIGINT       NULL,
    runs            INT          NOT NULL DEFAULT 0,
    awarded         INT          NOT NULL DEFAULT 0,   -- contestants awarded by the last run
    last_error      VARCHAR(500) NULL,
    created_at_ms   BIGINT       NOT NULL,
    done_at_ms      BIGINT       NULL,
    CONSTRAINT fk_quiz_contest_award_contest FOREIGN KEY (contest_id) REFERENCES quiz_contest (id),
    KEY ix_quiz_contest_award_state (state, lease_until_ms)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Contests frozen before this job existed were awarded inside a request and may have lost points part-way: award
-- them again (a contestant already awarded is a duplicate, recorded once).
INSERT INTO quiz_contest_award (contest_id, state, created_at_ms)
SELECT id, 'PENDING', frozen_at_ms FROM quiz_contest WHERE frozen_at_ms IS NOT NULL;
