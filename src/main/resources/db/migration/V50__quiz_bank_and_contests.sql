-- quiz: question banks (题库) owned by organisations, and contests (知识竞赛) with server-timed attempts.
CREATE TABLE quiz_question (
    id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    org_id             BIGINT        NOT NULL,      -- the organisation whose bank holds it; its subtree may use it
    type               VARCHAR(20)   NOT NULL,      -- SINGLE_CHOICE 单选, MULTIPLE_CHOICE 多选, TRUE_FALSE 判断, FILL_IN 填空
    stem               TEXT          NOT NULL,
    options_json       TEXT          NULL,          -- JSON array of option texts, in the author's order
    answer             VARCHAR(500)  NOT NULL,      -- choices: 0-based option indexes "0,2"; fill-in: accepted texts "a|b"
    explanation        TEXT          NULL,
    difficulty         VARCHAR(10)   NOT NULL,      -- EASY, MEDIUM, HARD
    tags               VARCHAR(400)  NULL,          -- ",tag1,tag2," so one tag matches LIKE '%,tag,%'
    source_article_id  BIGINT        NULL,          -- article of the reading library; no foreign key (another feature)
    created_by         BIGINT        NOT NULL,
    created_at_ms      BIGINT        NOT NULL,
    CONSTRAINT fk_quiz_question_org FOREIGN KEY (org_id) REFERENCES organisation (id),
    KEY ix_quiz_question_org (org_id, difficulty)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE quiz_contest (
    id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    org_id               BIGINT       NOT NULL,     -- the subtree that takes part
    title                VARCHAR(200) NOT NULL,
    starts_at_ms         BIGINT       NOT NULL,
    ends_at_ms           BIGINT       NOT NULL,
    time_limit_seconds   INT          NOT NULL,
    question_count       INT          NOT NULL,
    tags                 VARCHAR(400) NULL,         -- draw only questions with one of these tags (",a,b,")
    easy_count           INT          NULL,         -- difficulty mix; all three null = any difficulty
    medium_count         INT          NULL,
    hard_count           INT          NULL,
    points_per_question  INT          NOT NULL,
    attempts_allowed     INT          NOT NULL,
    reveal_answers       BOOLEAN      NOT NULL,     -- per-question review after the contest ends
    created_by           BIGINT       NOT NULL,
    created_at_ms        BIGINT       NOT NULL,
    frozen_at_ms         BIGINT       NULL,         -- results written to quiz_contest_result
    CONSTRAINT fk_quiz_contest_org FOREIGN KEY (org_id) REFERENCES organisation (id),
    KEY ix_quiz_contest_org (org_id, ends_at_ms),
    KEY ix_quiz_contest_end (frozen_at_ms, ends_at_ms)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One attempt of one member; its deadline is fixed by the server at start (epoch milliseconds throughout).
CREATE TABLE quiz_attempt (
    id              BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    contest_id      BIGINT      NOT NULL,
    member_id       BIGINT      NOT NULL,
    branch_id       BIGINT      NULL,
    attempt_no      INT         NOT NULL,
    started_at_ms   BIGINT      NOT NULL,
    deadline_ms     BIGINT      NOT NULL,
    finished_at_ms  BIGINT      NULL,
    score           INT         NOT NULL DEFAULT 0,
    correct_count   INT         NOT NULL DEFAULT 0,
    time_used_ms    BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT uq_quiz_attempt UNIQUE (contest_id, member_id, attempt_no),
    CONSTRAINT fk_quiz_attempt_contest FOREIGN KEY (contest_id) REFERENCES quiz_contest (id),
    CONSTRAINT fk_quiz_attempt_member FOREIGN KEY (member_id) REFERENCES member (id),
    KEY ix_quiz_attempt_open (contest_id, finished_at_ms)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The attempt's question set and order, and each question's option permutation: displayed option i is the
-- author's option option_order[i].
CREATE TABLE quiz_attempt_question (
    attempt_id    BIGINT      NOT NULL,
    position      INT         NOT NULL,
    question_id   BIGINT      NOT NULL,
    option_order  VARCHAR(40) NULL,
    PRIMARY KEY (attempt_id, position),
    CONSTRAINT uq_quiz_attempt_question UNIQUE (attempt_id, question_id),
    CONSTRAINT fk_quiz_aq_attempt FOREIGN KEY (attempt_id) REFERENCES quiz_attempt (id),
    CONSTRAINT fk_quiz_aq_question FOREIGN KEY (question_id) REFERENCES quiz_question (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An answer, given once: the unique key makes a retry a no-op and a changed answer a conflict.
CREATE TABLE quiz_attempt_answer (
    attempt_id      BIGINT       NOT NULL,
    question_id     BIGINT       NOT NULL,
    position        INT          NOT NULL,
    answer          VARCHAR(500) NOT NULL,     -- as the member gave it (displayed letters, or text), normalised
    correct         BOOLEAN      NOT NULL,
    answered_at_ms  BIGINT       NOT NULL,
    PRIMARY KEY (attempt_id, question_id),
    CONSTRAINT fk_quiz_answer_attempt FOREIGN KEY (attempt_id) REFERENCES quiz_attempt (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Frozen results once the contest is over: each member's best attempt and rank. The board is rebuilt from here.
CREATE TABLE quiz_contest_result (
    contest_id      BIGINT  NOT NULL,
    member_id       BIGINT  NOT NULL,
    branch_id       BIGINT  NULL,
    attempt_id      BIGINT  NOT NULL,
    score           INT     NOT NULL,
    correct_count   INT     NOT NULL,
    time_used_ms    BIGINT  NOT NULL,
    finished_at_ms  BIGINT  NOT NULL,
    rank_no         INT     NOT NULL,
    PRIMARY KEY (contest_id, member_id),
    KEY ix_quiz_result_rank (contest_id, rank_no),
    CONSTRAINT fk_quiz_result_contest FOREIGN KEY (contest_id) REFERENCES quiz_contest (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
