-- commendation (表彰 / 通报表扬): rounds opened by a committee, quotas per sub-organisation and category,
-- nominations (推荐) with their statement of deeds (事迹材料) and evidence, and every review step.

CREATE TABLE commendation_round (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    org_id         BIGINT       NOT NULL,
    title          VARCHAR(200) NOT NULL,
    deadline       DATE         NOT NULL,          -- last Asia/Shanghai day to nominate
    publicity_days INT          NOT NULL,          -- default length of a publicity period (公示)
    created_by     BIGINT       NOT NULL,
    created_at     DATETIME(3)  NOT NULL,
    CONSTRAINT fk_commendation_round_org FOREIGN KEY (org_id) REFERENCES organisation (id),
    KEY ix_commendation_round_org (org_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The categories of a round and their criteria (评选条件).
CREATE TABLE commendation_category (
    round_id  BIGINT      NOT NULL,
    category  VARCHAR(30) NOT NULL,                -- OUTSTANDING_MEMBER, OUTSTANDING_PARTY_WORKER, ADVANCED_ORGANISATION
    criteria  TEXT        NOT NULL,
    PRIMARY KEY (round_id, category),
    CONSTRAINT fk_commendation_category_round FOREIGN KEY (round_id) REFERENCES commendation_round (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- How many a direct sub-organisation may nominate per category (名额分配).
CREATE TABLE commendation_quota (
    round_id    BIGINT      NOT NULL,
    sub_org_id  BIGINT      NOT NULL,
    category    VARCHAR(30) NOT NULL,
    quota       INT         NOT NULL,
    PRIMARY KEY (round_id, sub_org_id, category),
    CONSTRAINT fk_commendation_quota_round FOREIGN KEY (round_id) REFERENCES commendation_round (id),
    CONSTRAINT fk_commendation_quota_org FOREIGN KEY (sub_org_id) REFERENCES organisation (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A nomination: rank within the sub-organisation and category (beyond the quota = an extra, ranked 以利备选).
CREATE TABLE nomination (
    id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    round_id             BIGINT       NOT NULL,
    sub_org_id           BIGINT       NOT NULL,
    category             VARCHAR(30)  NOT NULL,
    candidate_rank       INT          NOT NULL,
    candidate_member_id  BIGINT       NULL,
    candidate_org_id     BIGINT       NULL,
    deeds                TEXT         NOT NULL,    -- 事迹材料, at most 1 500 characters
    state                VARCHAR(20)  NOT NULL,    -- SUBMITTED, UNDER_REVIEW, PUBLICISED, APPROVED, REJECTED
    publicity_starts_on  DATE         NULL,
    publicity_ends_on    DATE         NULL,
    objections           INT          NOT NULL DEFAULT 0,
    rejection_reason     VARCHAR(500) NULL,
    evidence_from        DATE         NULL,        -- evidence of a member candidate, taken at nomination
    evidence_to          DATE         NULL,
    meetings             INT          NULL,
    attended             INT          NULL,
    attendance_rate      DOUBLE       NULL,
    articles_read        BIGINT       NULL,
    reading_points       BIGINT       NULL,
    points               BIGINT       NULL,
    nominated_by         BIGINT       NOT NULL,
    created_at           DATETIME(3)  NOT NULL,
    updated_at           DATETIME(3)  NOT NULL,
    CONSTRAINT uq_nomination_rank UNIQUE (round_id, sub_org_id, category, candidate_rank),
    CONSTRAINT uq_nomination_member UNIQUE (round_id, category, candidate_member_id),
    CONSTRAINT uq_nomination_org UNIQUE (round_id, category, candidate_org_id),
    CONSTRAINT fk_nomination_round FOREIGN KEY (round_id) REFERENCES commendation_round (id),
    CONSTRAINT fk_nomination_sub_org FOREIGN KEY (sub_org_id) REFERENCES organisation (id),
    CONSTRAINT fk_nomination_member FOREIGN KEY (candidate_member_id) REFERENCES member (id),
    CONSTRAINT fk_nomination_org FOREIGN KEY (candidate_org_id) REFERENCES organisation (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every step of a nomination: submitted, review started, publicised, objection, approved, rejected.
CREATE TABLE nomination_event (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    nomination_id  BIGINT       NOT NULL,
    action         VARCHAR(20)  NOT NULL,
    from_state     VARCHAR(20)  NULL,
    to_state       VARCHAR(20)  NOT NULL,
    by_member_id   BIGINT       NOT NULL,
    at             DATETIME(3)  NOT NULL,
    note           TEXT         NULL,
    CONSTRAINT fk_nomination_event FOREIGN KEY (nomination_id) REFERENCES nomination (id),
    KEY ix_nomination_event (nomination_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
