-- Challenge (挑战答题): one question at a time, each with a deadline kept by the server; a wrong or late answer
-- ends the run. Epoch milliseconds throughout.
CREATE TABLE quiz_challenge_run (
    id                    BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id             BIGINT       NOT NULL,
    business_date         DATE         NOT NULL,
    started_at_ms         BIGINT       NOT NULL,
    ended_at_ms           BIGINT       NULL,
    end_reason            VARCHAR(20)  NULL,       -- WRONG, LATE, EXHAUSTED, ABANDONED
    length                INT          NOT NULL DEFAULT 0,   -- questions answered right
    question_number       INT          NOT NULL,   -- 1-based number of the current (or last) question
    question_id           BIGINT       NOT NULL,
    option_order          VARCHAR(40)  NULL,
    question_deadline_ms  BIGINT       NOT NULL,
    last_answer           VARCHAR(500) NULL,       -- the answer to question_number, once given (retries compare it)
    last_correct          BOOLEAN      NULL,
    CONSTRAINT fk_quiz_challenge_member FOREIGN KEY (member_id) REFERENCES member (id),
    KEY ix_quiz_challenge_member (member_id, ended_at_ms)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE quiz_challenge_seen (
    run_id       BIGINT NOT NULL,
    question_id  BIGINT NOT NULL,
    PRIMARY KEY (run_id, question_id),
    CONSTRAINT fk_quiz_challenge_seen_run FOREIGN KEY (run_id) REFERENCES quiz_challenge_run (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
