-- points: the one append-only ledger of points (积分). Exactly once per (member, action, reference).
CREATE TABLE points_entry (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id       BIGINT       NOT NULL,
    branch_id       BIGINT       NULL,          -- the member's branch when awarded: boards are per branch
    action          VARCHAR(40)  NOT NULL,      -- READING, DAILY_PRACTICE, CONTEST, CHECK_IN, ...
    reference       VARCHAR(120) NOT NULL,      -- what earned it, e.g. article:12:2026-11-24, meeting:7
    requested       INT          NOT NULL,      -- points the action is worth
    points          INT          NOT NULL,      -- points granted after the daily cap (0..requested)
    business_date   DATE         NOT NULL,      -- Asia/Shanghai day
    created_at_ms   BIGINT       NOT NULL,      -- epoch milliseconds: orders ties on the boards
    CONSTRAINT uq_points_entry UNIQUE (member_id, action, reference),
    CONSTRAINT fk_points_entry_member FOREIGN KEY (member_id) REFERENCES member (id),
    KEY ix_points_entry_member_date (member_id, business_date),
    KEY ix_points_entry_date (business_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Running total per member, action and day: the row lock serialises one member's awards of one action,
-- so the daily cap holds under concurrency.
CREATE TABLE points_daily_total (
    member_id       BIGINT      NOT NULL,
    action          VARCHAR(40) NOT NULL,
    business_date   DATE        NOT NULL,
    total           INT         NOT NULL,
    PRIMARY KEY (member_id, action, business_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
