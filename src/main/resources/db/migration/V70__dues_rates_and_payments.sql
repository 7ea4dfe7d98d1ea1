-- dues (党费): each member's monthly amount (a history: an amount applies from its month on) and the payments
-- recorded per month. Money is integer fen (分), months are the first day of an Asia/Shanghai calendar month.
CREATE TABLE dues_rate (
    id           BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id    BIGINT      NOT NULL,
    from_month   DATE        NOT NULL,    -- first day of the month the amount applies from; the earliest starts the dues
    amount_fen   BIGINT      NOT NULL,    -- monthly amount in fen
    set_by       BIGINT      NOT NULL,
    set_at       DATETIME(3) NOT NULL,
    CONSTRAINT uq_dues_rate UNIQUE (member_id, from_month),
    CONSTRAINT fk_dues_rate_member FOREIGN KEY (member_id) REFERENCES member (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One payment per member and month (交纳): recorded by the secretary, or later confirmed by a payment callback.
CREATE TABLE dues_payment (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id    BIGINT       NOT NULL,
    branch_id    BIGINT       NOT NULL,   -- the member's branch when recorded
    month        DATE         NOT NULL,   -- first day of the month paid for
    amount_fen   BIGINT       NOT NULL,
    paid_on      DATE         NOT NULL,   -- Asia/Shanghai day the money was paid
    method       VARCHAR(20)  NOT NULL,   -- CASH, WECHAT_PAY, ALIPAY, BANK_TRANSFER, CALLBACK
    note         VARCHAR(200) NULL,
    recorded_by  BIGINT       NULL,       -- null for a payment callback
    recorded_at  DATETIME(3)  NOT NULL,
    CONSTRAINT uq_dues_payment UNIQUE (member_id, month),
    CONSTRAINT fk_dues_payment_member FOREIGN KEY (member_id) REFERENCES member (id),
    KEY ix_dues_payment_branch_month (branch_id, month)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
