-- auth: when and which WeChat account a member bound (member.wechat_openid stays what sign-in looks up). A member
-- sees it through GET /me/wechat; unbinding, a password change or a reset deletes the row with the openid.
CREATE TABLE wechat_binding (
    member_id  BIGINT      NOT NULL PRIMARY KEY,
    openid     VARCHAR(64) NOT NULL,
    bound_at   DATETIME(3) NOT NULL,
    CONSTRAINT fk_wechat_binding_member FOREIGN KEY (member_id) REFERENCES member (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
