-- auth: refresh tokens, stored as SHA-256 hashes, rotated on every use. A family is one login's chain of tokens:
-- presenting a token that was already rotated (used_at set) revokes the whole family.
CREATE TABLE refresh_token (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    member_id   BIGINT      NOT NULL,
    family_id   CHAR(36)    NOT NULL,
    token_hash  CHAR(64)    NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    expires_at  DATETIME(3) NOT NULL,
    used_at     DATETIME(3) NULL,
    revoked_at  DATETIME(3) NULL,
    CONSTRAINT uq_refresh_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_refresh_token_member FOREIGN KEY (member_id) REFERENCES member (id),
    KEY ix_refresh_token_family (family_id),
    KEY ix_refresh_token_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
