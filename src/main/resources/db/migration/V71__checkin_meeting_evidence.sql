-- checkin: meeting evidence (会议纪实) beside the minutes - who hosted, recorded and (a Party lesson) lectured,
-- attachments kept in the file store, and guests of open organisational life (开放式组织生活).
CREATE TABLE meeting_record_role (
    meeting_id          BIGINT       NOT NULL PRIMARY KEY,
    host_member_id      BIGINT       NULL,      -- 主持人
    recorder_member_id  BIGINT       NULL,      -- 记录人
    lecturer_member_id  BIGINT       NULL,      -- 授课人, a member (Party lesson only)
    lecturer_name       VARCHAR(100) NULL,      -- or an outside speaker: name and title
    lecturer_title      VARCHAR(200) NULL,
    updated_by          BIGINT       NOT NULL,
    updated_at          DATETIME(3)  NOT NULL,
    CONSTRAINT fk_record_role_meeting FOREIGN KEY (meeting_id) REFERENCES meeting (id),
    CONSTRAINT fk_record_role_host FOREIGN KEY (host_member_id) REFERENCES member (id),
    CONSTRAINT fk_record_role_recorder FOREIGN KEY (recorder_member_id) REFERENCES member (id),
    CONSTRAINT fk_record_role_lecturer FOREIGN KEY (lecturer_member_id) REFERENCES member (id),
    KEY ix_record_role_lecturer (lecturer_member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Photos, PDF and Office files of a meeting; the bytes live in the file store under storage_key.
CREATE TABLE meeting_attachment (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    meeting_id      BIGINT       NOT NULL,
    file_name       VARCHAR(200) NOT NULL,  -- as uploaded (shown, never trusted for the type)
    content_type    VARCHAR(100) NOT NULL,  -- detected from the content
    kind            VARCHAR(20)  NOT NULL,  -- IMAGE, PDF, OFFICE
    size_bytes      BIGINT       NOT NULL,
    sha256          CHAR(64)     NOT NULL,
    storage_key     VARCHAR(200) NOT NULL,
    thumbnail_key   VARCHAR(200) NULL,      -- images only
    uploaded_by     BIGINT       NOT NULL,
    uploaded_at     DATETIME(3)  NOT NULL,
    CONSTRAINT fk_attachment_meeting FOREIGN KEY (meeting_id) REFERENCES meeting (id),
    KEY ix_attachment_meeting (meeting_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Guests of an open Party lesson: another branch's member, or someone outside the Party; attendance kept apart
-- from the branch's own (meeting_attendance).
CREATE TABLE meeting_guest (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    meeting_id      BIGINT       NOT NULL,
    member_id       BIGINT       NULL,      -- a member of another branch
    name            VARCHAR(100) NOT NULL,
    organisation    VARCHAR(200) NULL,      -- a non-member's workplace or organisation
    attended        BOOLEAN      NOT NULL DEFAULT FALSE,
    attended_at     DATETIME(3)  NULL,
    invited_by      BIGINT       NOT NULL,
    invited_at      DATETIME(3)  NOT NULL,
    CONSTRAINT fk_guest_meeting FOREIGN KEY (meeting_id) REFERENCES meeting (id),
    CONSTRAINT fk_guest_member FOREIGN KEY (member_id) REFERENCES member (id),
    CONSTRAINT uq_meeting_guest UNIQUE (meeting_id, member_id)   -- a member once; non-members (NULL) any number
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
