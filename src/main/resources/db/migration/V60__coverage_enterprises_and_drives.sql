-- coverage (百日攻坚): the enterprise register from the survey (调查摸底, 附件1 of 工商个字〔2016〕129号), the drives and
-- their 15-day snapshots (通报).

-- A non-public economic organisation (非公有制经济组织) registered by an organisation of the tree.
CREATE TABLE enterprise (
    id                          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    org_id                      BIGINT       NOT NULL,           -- the organisation whose register holds it
    name                        VARCHAR(200) NOT NULL,
    credit_code                 CHAR(18)     NULL,               -- 统一社会信用代码; a sole trader may have none
    kind                        VARCHAR(30)  NOT NULL,           -- SMALL_MICRO_FIRM, SOLE_TRADER, PROFESSIONAL_MARKET, BUSINESS_DISTRICT, PARK
    district                    VARCHAR(100) NOT NULL,
    industry                    VARCHAR(100) NULL,
    owner_name                  VARCHAR(100) NULL,
    owner_is_member             BOOLEAN      NOT NULL DEFAULT FALSE,
    employees                   INT          NOT NULL,
    full_members                INT          NOT NULL,           -- 正式党员
    probationary_members        INT          NOT NULL,           -- 预备党员
    youth_league_members        INT          NOT NULL,           -- 团员
    members_relations_elsewhere INT          NOT NULL,           -- 组织关系不在本单位的党员
    venue                       VARCHAR(200) NULL,               -- 活动场所
    organised_as                VARCHAR(20)  NOT NULL,           -- OWN 单独组建, JOINT 联合, AFFILIATED 挂靠, INDUSTRY 行业, NONE 未建
    branch_id                   BIGINT       NULL,               -- the branch that covers it
    instructor_name             VARCHAR(100) NULL,               -- 党建指导员
    instructor_phone            VARCHAR(20)  NULL,
    own_branch_due_since        DATE         NULL,               -- since when 3+ full members without an own branch
    created_at                  DATETIME(3)  NOT NULL,
    updated_at                  DATETIME(3)  NOT NULL,
    CONSTRAINT uq_enterprise_credit_code UNIQUE (credit_code),
    CONSTRAINT fk_enterprise_org FOREIGN KEY (org_id) REFERENCES organisation (id),
    CONSTRAINT fk_enterprise_branch FOREIGN KEY (branch_id) REFERENCES organisation (id),
    KEY ix_enterprise_org (org_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Members who work in an enterprise (a member works in at most one registered enterprise).
CREATE TABLE enterprise_member (
    member_id     BIGINT      NOT NULL PRIMARY KEY,
    enterprise_id BIGINT      NOT NULL,
    linked_at     DATETIME(3) NOT NULL,
    CONSTRAINT fk_enterprise_member_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE,
    CONSTRAINT fk_enterprise_member_member FOREIGN KEY (member_id) REFERENCES member (id),
    KEY ix_enterprise_member_enterprise (enterprise_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A 100-day drive run by an organisation over its subtree.
CREATE TABLE coverage_drive (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    org_id      BIGINT       NOT NULL,
    name        VARCHAR(200) NOT NULL,
    starts_on   DATE         NOT NULL,
    ends_on     DATE         NOT NULL,
    created_by  BIGINT       NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    CONSTRAINT fk_coverage_drive_org FOREIGN KEY (org_id) REFERENCES organisation (id),
    KEY ix_coverage_drive_org (org_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One progress report (通报) per 15-day cycle of a drive; taking it again in the same cycle replaces its rows.
CREATE TABLE coverage_snapshot (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    drive_id    BIGINT      NOT NULL,
    cycle       INT         NOT NULL,
    as_of       DATE        NOT NULL,
    taken_by    BIGINT      NOT NULL,
    taken_at    DATETIME(3) NOT NULL,
    CONSTRAINT uq_coverage_snapshot UNIQUE (drive_id, cycle),
    CONSTRAINT fk_coverage_snapshot_drive FOREIGN KEY (drive_id) REFERENCES coverage_drive (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The figures of each direct sub-organisation of the drive's organisation (and of the organisation itself, for
-- enterprises registered directly on it) at the snapshot.
CREATE TABLE coverage_snapshot_row (
    snapshot_id       BIGINT       NOT NULL,
    org_id            BIGINT       NOT NULL,
    org_name          VARCHAR(200) NOT NULL,
    surveyed          INT          NOT NULL,
    own_branch        INT          NOT NULL,
    joint_branch      INT          NOT NULL,
    affiliated_branch INT          NOT NULL,
    industry_branch   INT          NOT NULL,
    not_organised     INT          NOT NULL,
    members_found     INT          NOT NULL,
    members_outside   INT          NOT NULL,
    instructors       INT          NOT NULL,
    PRIMARY KEY (snapshot_id, org_id),
    CONSTRAINT fk_coverage_snapshot_row FOREIGN KEY (snapshot_id) REFERENCES coverage_snapshot (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
