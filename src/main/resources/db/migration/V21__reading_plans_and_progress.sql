-- reading: daily plans (one per organisation; a branch follows its own plan or the nearest ancestor's),
-- reading sessions (server-measured dwell time), completions, daily totals, last positions, notes, favourites.
CREATE TABLE reading_plan (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    org_id           BIGINT       NOT NULL,
    articles_per_day INT          NOT NULL,
    start_date       DATE         NOT NULL,          -- Asia/Shanghai day 1 of the plan
    document_ids     VARCHAR(500) NOT NULL,          -- ordered, comma-separated: the documents read in sequence
    set_by           BIGINT       NOT NULL,
    updated_at_ms    BIGINT       NOT NULL,
    CONSTRAINT uq_reading_plan_org UNIQUE (org_id),
    CONSTRAINT fk_reading_plan_org FOREIGN KEY (org_id) REFERENCES organisation (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE reading_session (
    id               BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id        BIGINT      NOT NULL,
    article_id       BIGINT      NOT NULL,
    started_at_ms    BIGINT      NOT NULL,           -- the server's clock at open
    finished_at_ms   BIGINT      NULL,               -- the server's clock at an accepted finish
    CONSTRAINT fk_reading_session_member FOREIGN KEY (member_id) REFERENCES member (id),
    CONSTRAINT fk_reading_session_article FOREIGN KEY (article_id) REFERENCES reading_article (id),
    KEY ix_reading_session_member (member_id, started_at_ms)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per member, article and Asia/Shanghai day on which the member finished reading it.
CREATE TABLE reading_completion (
    member_id        BIGINT      NOT NULL,
    article_id       BIGINT      NOT NULL,
    business_date    DATE        NOT NULL,
    branch_id        BIGINT      NULL,               -- the member's branch when read: branch statistics
    document_id      BIGINT      NOT NULL,
    dwell_ms         BIGINT      NOT NULL,
    points           INT         NOT NULL,
    finished_at_ms   BIGINT      NOT NULL,
    PRIMARY KEY (member_id, article_id, business_date),
    KEY ix_reading_completion_member_date (member_id, business_date),
    KEY ix_reading_completion_branch_date (branch_id, business_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A member's reading day: articles finished, and whether the day's reading was done (the streak counts these).
CREATE TABLE reading_day (
    member_id        BIGINT      NOT NULL,
    business_date    DATE        NOT NULL,
    articles         INT         NOT NULL,
    done             BOOLEAN     NOT NULL,
    PRIMARY KEY (member_id, business_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Last position per member and document (the article opened last).
CREATE TABLE reading_position (
    member_id        BIGINT      NOT NULL,
    document_id      BIGINT      NOT NULL,
    article_id       BIGINT      NOT NULL,
    opened_at_ms     BIGINT      NOT NULL,
    PRIMARY KEY (member_id, document_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- 学习心得: a study note on an article, PRIVATE (the author only) or BRANCH (the author's branch).
CREATE TABLE reading_note (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id        BIGINT       NOT NULL,
    branch_id        BIGINT       NULL,
    article_id       BIGINT       NOT NULL,
    visibility       VARCHAR(10)  NOT NULL,
    body             TEXT         NOT NULL,
    created_at_ms    BIGINT       NOT NULL,
    CONSTRAINT fk_reading_note_member FOREIGN KEY (member_id) REFERENCES member (id),
    CONSTRAINT fk_reading_note_article FOREIGN KEY (article_id) REFERENCES reading_article (id),
    KEY ix_reading_note_article (article_id, visibility, branch_id),
    KEY ix_reading_note_branch (branch_id, visibility, created_at_ms)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE reading_favourite (
    member_id        BIGINT      NOT NULL,
    article_id       BIGINT      NOT NULL,
    created_at_ms    BIGINT      NOT NULL,
    PRIMARY KEY (member_id, article_id),
    CONSTRAINT fk_reading_favourite_article FOREIGN KEY (article_id) REFERENCES reading_article (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
