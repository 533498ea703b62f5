-- blocs store, migration 1: runs, documents, articles, sentences, fingerprints, failures.
-- Every content row carries the run that wrote it and the blocs version of that run.

CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,
    command       VARCHAR NOT NULL,
    inputs        VARCHAR[] NOT NULL,
    blocs_version VARCHAR NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL,          -- running, done, failed
    documents_read    INTEGER DEFAULT 0,
    articles_added    INTEGER DEFAULT 0,
    duplicates_exact  INTEGER DEFAULT 0,
    duplicates_near   INTEGER DEFAULT 0,
    unchanged         INTEGER DEFAULT 0,
    failures          INTEGER DEFAULT 0
);

CREATE TABLE articles (
    article_id     VARCHAR PRIMARY KEY,      -- first 16 hex of content_hash
    content_hash   VARCHAR NOT NULL UNIQUE,
    title          VARCHAR,
    author         VARCHAR,
    outlet         VARCHAR,
    url            VARCHAR,
    published      DATE,
    language       VARCHAR,
    language_score DOUBLE,
    genre          VARCHAR NOT NULL,
    media_type     VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,
    n_chars        INTEGER NOT NULL,
    n_sentences    INTEGER NOT NULL,
    minhash        UBIGINT[] NOT NULL,
    run_id         VARCHAR NOT NULL,
    blocs_version  VARCHAR NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

-- Each place an article was read from. A syndicated or repeated copy is a document whose
-- article_id is the canonical article's; duplicate says how it was matched.
CREATE TABLE documents (
    document_id    VARCHAR PRIMARY KEY,      -- hash of source + content hash
    article_id     VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    url            VARCHAR,
    external_id    VARCHAR,
    title          VARCHAR,
    outlet         VARCHAR,
    published      DATE,
    content_hash   VARCHAR NOT NULL,         -- hash of this copy's clean text
    raw_hash       VARCHAR NOT NULL,         -- hash of the content as read, before cleaning
    duplicate      VARCHAR NOT NULL,         -- original, exact, near
    similarity     DOUBLE,                   -- estimated Jaccard to the canonical article
    fetched_at     TIMESTAMPTZ,
    run_id         VARCHAR NOT NULL,
    blocs_version  VARCHAR NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE sentences (
    article_id     VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    run_id         VARCHAR NOT NULL,
    blocs_version  VARCHAR NOT NULL,
    PRIMARY KEY (article_id, sentence_index)
);

-- MinHash LSH buckets: articles sharing a (band, bucket) are near-duplicate candidates.
CREATE TABLE article_bands (
    band       SMALLINT NOT NULL,
    bucket     BIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);

CREATE TABLE failures (
    run_id        VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    stage         VARCHAR NOT NULL,
    message       VARCHAR NOT NULL,
    blocs_version VARCHAR NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
