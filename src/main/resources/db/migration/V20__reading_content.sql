-- reading: the content library for the daily Party-constitution reading (逐字逐句通读党章).
-- A document (党章, 党规, speeches, notices) has ordered sections (第X章 / 一、) and articles (第X条 / （一） / 1.).
-- Article ids are stable across re-imports (revisions): an article matched by text or label keeps its id; one that
-- disappears is retired (retired_revision) and points to its successor, so reading history still resolves.
CREATE TABLE reading_document (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    doc_key         VARCHAR(100) NOT NULL,           -- stable key chosen by the importer, e.g. 'constitution'
    title           VARCHAR(300) NOT NULL,
    kind            VARCHAR(20)  NOT NULL,           -- CONSTITUTION, REGULATION, SPEECH, NOTICE, OTHER
    revision        INT          NOT NULL,           -- 1 for the first import, +1 per re-import
    front_matter    TEXT         NULL,               -- header lines kept aside (发布时间, 信息来源, 文号), one per line
    article_count   INT          NOT NULL,           -- current (not retired) articles
    char_count      INT          NOT NULL,           -- characters of the current articles, whitespace not counted
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    CONSTRAINT uq_reading_document_key UNIQUE (doc_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE reading_section (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    document_id     BIGINT       NOT NULL,
    revision        INT          NOT NULL,           -- sections are rebuilt per revision
    ordinal         INT          NOT NULL,
    label           VARCHAR(100) NOT NULL,           -- 第三章 / 一、 / 总纲
    title           VARCHAR(500) NULL,
    CONSTRAINT fk_reading_section_document FOREIGN KEY (document_id) REFERENCES reading_document (id),
    KEY ix_reading_section_document (document_id, revision, ordinal)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE reading_article (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    document_id      BIGINT        NOT NULL,
    section_id       BIGINT        NULL,             -- null for the preamble before the first heading
    ordinal          INT           NOT NULL,         -- position in the document (current revision)
    label            VARCHAR(200)  NOT NULL,         -- human label, e.g. '第三章 第十五条' or '二、（一）'
    title            VARCHAR(500)  NULL,             -- nearest heading title, e.g. '党员'
    body             MEDIUMTEXT    NOT NULL,         -- paragraphs separated by '\n'
    char_count       INT           NOT NULL,         -- non-whitespace characters: the reading minimum derives from it
    revision_added   INT           NOT NULL,
    revision_seen    INT           NOT NULL,         -- last revision that contained it
    retired          BOOLEAN       NOT NULL DEFAULT FALSE,
    successor_id     BIGINT        NULL,             -- for a retired article: where its reader continues
    CONSTRAINT fk_reading_article_document FOREIGN KEY (document_id) REFERENCES reading_document (id),
    KEY ix_reading_article_document (document_id, retired, ordinal)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
