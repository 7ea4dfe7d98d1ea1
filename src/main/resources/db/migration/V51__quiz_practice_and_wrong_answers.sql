-- Daily practice (每日答题): the day's set per member, fixed when first opened, each answer given once.
CREATE TABLE quiz_practice_item (
    member_id       BIGINT       NOT NULL,
    business_date   DATE         NOT NULL,     -- Asia/Shanghai day
    position        INT          NOT NULL,
    question_id     BIGINT       NOT NULL,
    answer          VARCHAR(500) NULL,
    correct         BOOLEAN      NULL,
    answered_at_ms  BIGINT       NULL,
    PRIMARY KEY (member_id, business_date, position),
    CONSTRAINT uq_quiz_practice_item UNIQUE (member_id, business_date, question_id),
    CONSTRAINT fk_quiz_practice_member FOREIGN KEY (member_id) REFERENCES member (id),
    CONSTRAINT fk_quiz_practice_question FOREIGN KEY (question_id) REFERENCES quiz_question (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Wrong-answer book (错题本): a question stays until answered right twice in a row.
CREATE TABLE quiz_wrong_answer (
    member_id          BIGINT  NOT NULL,
    question_id        BIGINT  NOT NULL,
    wrong_count        INT     NOT NULL,
    right_streak       INT     NOT NULL,
    last_wrong_at_ms   BIGINT  NOT NULL,
    PRIMARY KEY (member_id, question_id),
    CONSTRAINT fk_quiz_wrong_member FOREIGN KEY (member_id) REFERENCES member (id),
    CONSTRAINT fk_quiz_wrong_question FOREIGN KEY (question_id) REFERENCES quiz_question (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
