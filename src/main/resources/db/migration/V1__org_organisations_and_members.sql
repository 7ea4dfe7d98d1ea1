-- org: the organisation tree (committee → general branch → branch → group) and its members.
CREATE TABLE organisation (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    parent_id   BIGINT       NULL,
    type        VARCHAR(20)  NOT NULL,           -- COMMITTEE 党委, GENERAL_BRANCH 党总支, BRANCH 党支部, GROUP 党小组
    name        VARCHAR(200) NOT NULL,
    path        VARCHAR(700) NOT NULL,           -- materialised path of ids, e.g. '/1/5/12/': subtree = path prefix
    created_at  DATETIME(3)  NOT NULL,
    CONSTRAINT fk_organisation_parent FOREIGN KEY (parent_id) REFERENCES organisation (id),
    KEY ix_organisation_parent (parent_id),
    KEY ix_organisation_path (path)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE member (
    id                        BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    phone                     VARCHAR(20)  NOT NULL,
    name                      VARCHAR(100) NOT NULL,
    password_hash             VARCHAR(100) NULL,
    password_change_required  BOOLEAN      NOT NULL DEFAULT FALSE,
    branch_id                 BIGINT       NULL,  -- null only for system administrators outside any branch
    group_id                  BIGINT       NULL,
    status                    VARCHAR(20)  NOT NULL,  -- FULL 正式党员 / PROBATIONARY 预备党员
    joined_on                 DATE         NULL,
    employer                  VARCHAR(200) NULL,  -- employer enterprise (非公有制经济组织)
    position                  VARCHAR(100) NULL,
    enabled                   BOOLEAN      NOT NULL DEFAULT TRUE,
    wechat_openid             VARCHAR(64)  NULL,
    created_at                DATETIME(3)  NOT NULL,
    updated_at                DATETIME(3)  NOT NULL,
    CONSTRAINT uq_member_phone UNIQUE (phone),
    CONSTRAINT uq_member_wechat_openid UNIQUE (wechat_openid),
    CONSTRAINT fk_member_branch FOREIGN KEY (branch_id) REFERENCES organisation (id),
    CONSTRAINT fk_member_group FOREIGN KEY (group_id) REFERENCES organisation (id),
    KEY ix_member_branch (branch_id, enabled),
    KEY ix_member_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Roles held on an organisation: SECRETARY / COMMITTEE_MEMBER of a branch, ORG_ADMIN of a subtree, SYSTEM_ADMIN.
CREATE TABLE role_assignment (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id   BIGINT      NOT NULL,
    role        VARCHAR(30) NOT NULL,
    org_id      BIGINT      NULL,
    granted_by  BIGINT      NULL,
    created_at  DATETIME(3) NOT NULL,
    org_key     BIGINT AS (COALESCE(org_id, 0)) STORED,
    CONSTRAINT fk_role_member FOREIGN KEY (member_id) REFERENCES member (id),
    CONSTRAINT fk_role_org FOREIGN KEY (org_id) REFERENCES organisation (id),
    CONSTRAINT uq_role_assignment UNIQUE (member_id, role, org_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
