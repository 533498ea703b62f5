-- blocs store, migration 2: actor mentions and events, each tied to its sentence.

CREATE TABLE mentions (
    article_id     VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,   -- offsets in the article text
    end_char       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    code           VARCHAR NOT NULL,   -- actor code: FRAGOV, NATO, or a user dictionary's code
    country        VARCHAR,            -- state-level code: ISO3 or IGO code
    sector         VARCHAR,
    kind           VARCHAR NOT NULL,
    entry_id       VARCHAR NOT NULL,
    method         VARCHAR NOT NULL,
    run_id         VARCHAR NOT NULL,
    blocs_version  VARCHAR NOT NULL
);

CREATE TABLE events (
    event_id          VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    sentence_index    INTEGER NOT NULL,
    sentence          VARCHAR NOT NULL,
    start_char        INTEGER NOT NULL,  -- the sentence's offsets in the article text
    end_char          INTEGER NOT NULL,
    trigger           VARCHAR NOT NULL,
    source            VARCHAR,
    source_country    VARCHAR,
    source_text       VARCHAR,
    target            VARCHAR,
    target_country    VARCHAR,
    target_text       VARCHAR,
    plover            VARCHAR NOT NULL,
    plover_mode       VARCHAR,
    cameo             VARCHAR NOT NULL,
    quad_class        INTEGER NOT NULL,
    goldstein         DOUBLE NOT NULL,
    modality          VARCHAR NOT NULL,
    speaker           VARCHAR,
    speaker_country   VARCHAR,
    event_date        VARCHAR,           -- YYYY-MM-DD, YYYY-MM or YYYY
    date_precision    VARCHAR NOT NULL,  -- day, month, year, none
    issue             VARCHAR,
    confidence        DOUBLE NOT NULL,
    extractor_version VARCHAR NOT NULL,
    run_id            VARCHAR NOT NULL,
    blocs_version     VARCHAR NOT NULL
);

ALTER TABLE runs ADD COLUMN events_added INTEGER DEFAULT 0;
