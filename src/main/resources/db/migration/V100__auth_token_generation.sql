-- auth: a per-member generation of access tokens. Every access token carries the generation it was issued at; raising
-- it (member disabled, roles changed, password changed, signed out everywhere) makes every older token invalid at
-- once. A missing row is generation 0.
CREATE TABLE member_token_generation (
    member_id   BIGINT NOT NULL PRIMARY KEY,
    generation  BIGINT NOT NULL,
    CONSTRAINT fk_member_token_generation_member FOREIGN KEY (member_id) REFERENCES member (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
