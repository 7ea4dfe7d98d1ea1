-- checkin: study sessions (三会一课) - meetings, expected attendees, check-ins and outcomes, leave, minutes, plans.
CREATE TABLE meeting (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    branch_id        BIGINT        NOT NULL,
    group_id         BIGINT        NULL,         -- set for a group's meeting (党小组会)
    type             VARCHAR(40)   NOT NULL,     -- BRANCH_GENERAL_MEETING, BRANCH_COMMITTEE_MEETING, GROUP_MEETING, ...
    topic            VARCHAR(200)  NOT NULL,
    place            VARCHAR(200)  NULL,
    starts_at        DATETIME(3)   NOT NULL,
    ends_at          DATETIME(3)   NOT NULL,
    latitude         DOUBLE        NULL,         -- optional geofence centre (WGS-84 / GCJ-02 as the phones send it)
    longitude        DOUBLE        NULL,
    radius_m         INT           NULL,
    geofence_policy  VARCHAR(10)   NOT NULL,     -- REFUSE or FLAG a check-in outside the fence
    status           VARCHAR(20)   NOT NULL,     -- SCHEDULED, CANCELLED, CLOSED
    code_secret      VARBINARY(32) NOT NULL,     -- per-meeting random secret of the rotating code; never leaves the server
    created_by       BIGINT        NOT NULL,
    created_at       DATETIME(3)   NOT NULL,
    updated_at       DATETIME(3)   NOT NULL,
    closed_at        DATETIME(3)   NULL,
    CONSTRAINT fk_meeting_branch FOREIGN KEY (branch_id) REFERENCES organisation (id),
    CONSTRAINT fk_meeting_group FOREIGN KEY (group_id) REFERENCES organisation (id),
    KEY ix_meeting_branch_start (branch_id, starts_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who is expected, fixed when the meeting is scheduled.
CREATE TABLE meeting_attendee (
    meeting_id  BIGINT NOT NULL,
    member_id   BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, member_id),
    CONSTRAINT fk_attendee_meeting FOREIGN KEY (meeting_id) REFERENCES meeting (id),
    CONSTRAINT fk_attendee_member FOREIGN KEY (member_id) REFERENCES member (id),
    KEY ix_attendee_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One outcome per expected member: PRESENT / LATE from a check-in (by code or by hand), ON_LEAVE / ABSENT at close.
CREATE TABLE meeting_attendance (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    meeting_id        BIGINT       NOT NULL,
    member_id         BIGINT       NOT NULL,
    status            VARCHAR(20)  NOT NULL,   -- PRESENT, LATE, ON_LEAVE, ABSENT
    method            VARCHAR(20)  NOT NULL,   -- CODE, MANUAL, CLOSE
    checked_in_at_ms  BIGINT       NOT NULL,   -- epoch milliseconds: orders the live list
    latitude          DOUBLE       NULL,
    longitude         DOUBLE       NULL,
    distance_m        INT          NULL,       -- from the geofence centre
    suspected         BOOLEAN      NOT NULL DEFAULT FALSE,  -- checked in outside the fence (FLAG policy)
    marked_by         BIGINT       NULL,       -- who marked it by hand
    reason            VARCHAR(200) NULL,       -- why it was marked by hand
    CONSTRAINT uq_meeting_attendance UNIQUE (meeting_id, member_id),
    CONSTRAINT fk_attendance_meeting FOREIGN KEY (meeting_id) REFERENCES meeting (id),
    CONSTRAINT fk_attendance_member FOREIGN KEY (member_id) REFERENCES member (id),
    KEY ix_attendance_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE meeting_leave (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    meeting_id    BIGINT       NOT NULL,
    member_id     BIGINT       NOT NULL,
    reason        VARCHAR(500) NOT NULL,
    status        VARCHAR(20)  NOT NULL,   -- PENDING, APPROVED, REJECTED
    requested_at  DATETIME(3)  NOT NULL,
    decided_by    BIGINT       NULL,
    decided_at    DATETIME(3)  NULL,
    CONSTRAINT uq_meeting_leave UNIQUE (meeting_id, member_id),
    CONSTRAINT fk_leave_meeting FOREIGN KEY (meeting_id) REFERENCES meeting (id),
    CONSTRAINT fk_leave_member FOREIGN KEY (member_id) REFERENCES member (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The activity record book (党组织活动记录簿): minutes kept with the attendance.
CREATE TABLE meeting_minutes (
    meeting_id    BIGINT       NOT NULL PRIMARY KEY,
    topic         VARCHAR(200) NOT NULL,
    content       TEXT         NOT NULL,
    speakers      TEXT         NULL,       -- one per line
    resolutions   TEXT         NULL,       -- one per line
    recorded_by   BIGINT       NOT NULL,
    recorded_at   DATETIME(3)  NOT NULL,
    CONSTRAINT fk_minutes_meeting FOREIGN KEY (meeting_id) REFERENCES meeting (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The annual 三会一课 plan a branch files with its committee.
CREATE TABLE meeting_plan_item (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    branch_id   BIGINT       NOT NULL,
    plan_year   INT          NOT NULL,
    month       INT          NOT NULL,   -- 1..12
    type        VARCHAR(40)  NOT NULL,
    topic       VARCHAR(200) NULL,
    filed_by    BIGINT       NOT NULL,
    filed_at    DATETIME(3)  NOT NULL,
    CONSTRAINT fk_plan_branch FOREIGN KEY (branch_id) REFERENCES organisation (id),
    KEY ix_plan_branch_year (branch_id, plan_year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
