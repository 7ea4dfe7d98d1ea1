-- notification: the in-app inbox (站内信), the outbox of deliveries to push channels, members' choices.

-- One row per (member, kind, object, occasion): the unique key makes every notice exactly once, whoever repeats it.
-- A reminder is written ahead with shown_at in the future; the inbox shows it only from then on.
CREATE TABLE notification (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id     BIGINT       NOT NULL,
    kind          VARCHAR(40)  NOT NULL,  -- NotificationKind
    object_type   VARCHAR(20)  NOT NULL,  -- MEETING, DECLARATION, CONTEST, ARTICLE, LEAVE
    object_id     BIGINT       NOT NULL,
    occasion      VARCHAR(64)  NOT NULL,  -- e.g. a change's time or a reminder's offset; '' when once per object
    title         VARCHAR(100) NOT NULL,
    body          VARCHAR(500) NOT NULL,
    link          VARCHAR(200) NOT NULL,  -- the object's API path, e.g. /meetings/12
    shown_at      DATETIME(3)  NOT NULL,  -- when it appears in the inbox (the notice's time)
    withdrawn     BOOLEAN      NOT NULL DEFAULT FALSE, -- a reminder of a meeting moved or cancelled before it was due
    read_at       DATETIME(3)  NULL,
    CONSTRAINT uq_notification_once UNIQUE (member_id, kind, object_type, object_id, occasion),
    KEY ix_notification_inbox (member_id, shown_at, id),
    KEY ix_notification_object (object_type, object_id)
);

-- The outbox: one delivery per notification and push channel, written in the same transaction as the notification.
-- Senders on any instance claim due rows with a lease (UPDATE ... WHERE lease expired), so a row is sent once.
CREATE TABLE notification_delivery (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    notification_id  BIGINT       NOT NULL,
    channel          VARCHAR(10)  NOT NULL,  -- WECHAT, SMS
    state            VARCHAR(10)  NOT NULL,  -- PENDING, SENT, FAILED, WITHDRAWN
    attempts         INT          NOT NULL DEFAULT 0,
    due_at           DATETIME(3)  NOT NULL,
    lease_token      CHAR(36)     NULL,
    lease_until      DATETIME(3)  NULL,
    sent_at          DATETIME(3)  NULL,
    last_error       VARCHAR(500) NULL,
    CONSTRAINT uq_notification_delivery UNIQUE (notification_id, channel),
    CONSTRAINT fk_delivery_notification FOREIGN KEY (notification_id) REFERENCES notification (id),
    KEY ix_delivery_due (state, due_at),
    KEY ix_delivery_lease (lease_token)
);

-- A member's choice per kind and push channel; no row means the channel's default (NotificationSettings).
CREATE TABLE notification_preference (
    member_id  BIGINT      NOT NULL,
    kind       VARCHAR(40) NOT NULL,
    channel    VARCHAR(10) NOT NULL,
    enabled    BOOLEAN     NOT NULL,
    PRIMARY KEY (member_id, kind, channel)
);
