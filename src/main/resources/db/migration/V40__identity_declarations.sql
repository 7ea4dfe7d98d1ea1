-- identity: 亮身份 declarations (the three shows), their history, commitments (承诺践诺), badges and the finding drive.

-- Member fields a verified declaration sets. A pending registrant (self-registered, not yet on any roster) is a
-- member with branch_id NULL and self_registered TRUE until a secretary verifies their declaration.
ALTER TABLE member
    ADD COLUMN mobile              BOOLEAN      NOT NULL DEFAULT FALSE, -- 流动党员
    ADD COLUMN mobile_origin       VARCHAR(200) NULL,                   -- where a mobile member comes from (流出地)
    ADD COLUMN registered_org      VARCHAR(200) NULL,                   -- 组织关系所在: the organisation holding the record
    ADD COLUMN self_registered     BOOLEAN      NOT NULL DEFAULT FALSE,  -- signed up through POST /identity/registrations
    ADD COLUMN pending_branch_id   BIGINT       NULL,                   -- the branch a registrant said they work at
    ADD CONSTRAINT fk_member_pending_branch FOREIGN KEY (pending_branch_id) REFERENCES organisation (id);

CREATE TABLE declaration (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id           BIGINT       NOT NULL,
    branch_id           BIGINT       NOT NULL,  -- the receiving branch whose secretary verifies
    state               VARCHAR(20)  NOT NULL,  -- SUBMITTED, VERIFIED, REJECTED
    membership_status   VARCHAR(20)  NOT NULL,  -- FULL 正式 / PROBATIONARY 预备
    joined_on           DATE         NULL,
    registered_org      VARCHAR(200) NOT NULL,  -- 组织关系所在
    mobile              BOOLEAN      NOT NULL,  -- 流动党员
    mobile_origin       VARCHAR(200) NULL,
    workplace           VARCHAR(200) NOT NULL,  -- the enterprise, shop or market where they work
    position            VARCHAR(100) NULL,
    duties              VARCHAR(1000) NULL,     -- 亮职责
    id_card_hash        CHAR(64)     NULL,      -- HMAC-SHA256 of the ID-card number, never the number itself
    id_card_last4       CHAR(4)      NULL,
    reject_reason       VARCHAR(500) NULL,
    submitted_at_ms     BIGINT       NOT NULL,  -- latest (re)submission
    decided_at_ms       BIGINT       NULL,
    decided_by          BIGINT       NULL,
    created_at_ms       BIGINT       NOT NULL,
    CONSTRAINT fk_declaration_member FOREIGN KEY (member_id) REFERENCES member (id),
    CONSTRAINT fk_declaration_branch FOREIGN KEY (branch_id) REFERENCES organisation (id),
    KEY ix_declaration_branch_state (branch_id, state),
    KEY ix_declaration_member (member_id),
    KEY ix_declaration_id_card (id_card_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every state change of a declaration, kept for good: who, when, why.
CREATE TABLE declaration_event (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    declaration_id   BIGINT       NOT NULL,
    branch_id        BIGINT       NOT NULL,  -- copied for the figures
    action           VARCHAR(20)  NOT NULL,  -- SUBMITTED, RESUBMITTED, VERIFIED, REJECTED
    from_state       VARCHAR(20)  NULL,
    to_state         VARCHAR(20)  NOT NULL,
    actor_id         BIGINT       NOT NULL,
    reason           VARCHAR(500) NULL,
    mobile           BOOLEAN      NOT NULL,  -- the declaration's mobile flag at that moment (figures)
    at_ms            BIGINT       NOT NULL,
    CONSTRAINT fk_declaration_event_declaration FOREIGN KEY (declaration_id) REFERENCES declaration (id),
    KEY ix_declaration_event_declaration (declaration_id, id),
    KEY ix_declaration_event_branch (branch_id, at_ms)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- 亮承诺: a declaration's commitments; tracked once the declaration is verified.
CREATE TABLE commitment (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    declaration_id    BIGINT       NOT NULL,
    member_id         BIGINT       NOT NULL,
    branch_id         BIGINT       NOT NULL,
    position_no       INT          NOT NULL,  -- order in the declaration
    content           VARCHAR(500) NOT NULL,
    status            VARCHAR(20)  NOT NULL,  -- the member's: IN_PROGRESS, FULFILLED
    note              VARCHAR(1000) NULL,     -- the member's latest note
    updated_at_ms     BIGINT       NOT NULL,
    CONSTRAINT fk_commitment_declaration FOREIGN KEY (declaration_id) REFERENCES declaration (id),
    KEY ix_commitment_declaration (declaration_id, position_no),
    KEY ix_commitment_member (member_id),
    KEY ix_commitment_branch (branch_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The member's progress notes on a commitment, oldest first.
CREATE TABLE commitment_update (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commitment_id   BIGINT        NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    note            VARCHAR(1000) NULL,
    at_ms           BIGINT        NOT NULL,
    CONSTRAINT fk_commitment_update_commitment FOREIGN KEY (commitment_id) REFERENCES commitment (id),
    KEY ix_commitment_update_commitment (commitment_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The secretary's yearly review of a commitment: one per commitment and year (a second review replaces it).
CREATE TABLE commitment_review (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    commitment_id   BIGINT        NOT NULL,
    review_year     INT           NOT NULL,
    verdict         VARCHAR(20)   NOT NULL,  -- FULFILLED, IN_PROGRESS, NOT_FULFILLED
    comment         VARCHAR(1000) NULL,
    reviewer_id     BIGINT        NOT NULL,
    at_ms           BIGINT        NOT NULL,
    CONSTRAINT fk_commitment_review_commitment FOREIGN KEY (commitment_id) REFERENCES commitment (id),
    CONSTRAINT uq_commitment_review UNIQUE (commitment_id, review_year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- 党员示范户 / 党员先锋岗 / 党员责任区 badges with their public verification token.
CREATE TABLE badge (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id       BIGINT       NOT NULL,
    branch_id       BIGINT       NOT NULL,
    type            VARCHAR(30)  NOT NULL,  -- MODEL_HOUSEHOLD, VANGUARD_POST, RESPONSIBILITY_AREA
    title           VARCHAR(200) NOT NULL,  -- the shop, post or area name
    valid_from      DATE         NOT NULL,
    valid_until     DATE         NOT NULL,  -- last valid Asia/Shanghai day
    token           VARCHAR(64)  NOT NULL,  -- public, url-safe, 256 random bits
    granted_by      BIGINT       NOT NULL,
    granted_at_ms   BIGINT       NOT NULL,
    revoked_at_ms   BIGINT       NULL,
    revoked_by      BIGINT       NULL,
    revoke_reason   VARCHAR(500) NULL,
    CONSTRAINT uq_badge_token UNIQUE (token),
    CONSTRAINT fk_badge_member FOREIGN KEY (member_id) REFERENCES member (id),
    CONSTRAINT fk_badge_branch FOREIGN KEY (branch_id) REFERENCES organisation (id),
    KEY ix_badge_branch (branch_id),
    KEY ix_badge_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
