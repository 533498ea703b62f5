-- blocs store, migration 4: evidence coded by other systems (GDELT, ICEWS, Phoenix) and UN
-- General Assembly roll calls, kept beside blocs' own events, with their provenance.
-- Codes stay strings ("010", not 10).

CREATE TABLE coded_events (
    event_id        VARCHAR PRIMARY KEY,   -- origin + ':' + the row's own id (GLOBALEVENTID ...)
    origin          VARCHAR NOT NULL,      -- gdelt1, gdelt2, icews, phoenix
    source_file     VARCHAR NOT NULL,
    row_number      BIGINT NOT NULL,       -- 1-based line of the row in its file
    row_id          VARCHAR,               -- the row's id in its own system
    event_date      DATE,
    source          VARCHAR,               -- actor code as the system gives it (USAGOV ...)
    source_name     VARCHAR,
    source_country  VARCHAR,               -- ISO3 / IGO code when the system gives one
    target          VARCHAR,
    target_name     VARCHAR,
    target_country  VARCHAR,
    cameo           VARCHAR,
    cameo_root      VARCHAR,
    quad_class      INTEGER,
    goldstein       DOUBLE,
    plover          VARCHAR,               -- mapped from the CAMEO root where it maps
    issue           VARCHAR,               -- action country / location, when given
    url             VARCHAR,
    text            VARCHAR,               -- ICEWS event text or Phoenix source text, when given
    import_id       VARCHAR NOT NULL,
    imported_at     TIMESTAMPTZ NOT NULL,
    blocs_version   VARCHAR NOT NULL
);

CREATE TABLE roll_calls (
    rcid          VARCHAR PRIMARY KEY,
    session       INTEGER,
    vote_date     DATE,
    resolution    VARCHAR,
    important     BOOLEAN,
    amendment     BOOLEAN,
    paragraph     BOOLEAN,
    issues        VARCHAR[],
    short         VARCHAR,
    description   VARCHAR,
    source_file   VARCHAR NOT NULL,
    import_id     VARCHAR NOT NULL
);

-- One row per (roll call, state that voted): absences are not rows.
CREATE TABLE votes (
    rcid          VARCHAR NOT NULL,
    country       VARCHAR NOT NULL,        -- ISO3
    vote          VARCHAR NOT NULL,        -- yes, abstain, no
    vote_date     DATE,
    session       INTEGER,
    source_file   VARCHAR NOT NULL,
    import_id     VARCHAR NOT NULL,
    PRIMARY KEY (rcid, country)
);

CREATE TABLE imports (
    import_id     VARCHAR PRIMARY KEY,
    origin        VARCHAR NOT NULL,
    source_file   VARCHAR NOT NULL,
    file_sha256   VARCHAR NOT NULL,
    rows_read     BIGINT NOT NULL,
    rows_added    BIGINT NOT NULL,
    rows_skipped  BIGINT NOT NULL,
    blocs_version VARCHAR NOT NULL,
    imported_at   TIMESTAMPTZ NOT NULL
);

-- Every event the alignment model may use, whatever system coded it: the one contract
-- between the store and src/blocs/model/. `event_date` is the date the text fixes (a month
-- as its 15th, a year as 1 July) or else the article's publication date (`date_precision`
-- 'article'). `done` is false for what the text does not assert happened (hypothetical,
-- future, negated); imported events count as done.
CREATE VIEW evidence_events AS
SELECT
    e.event_id,
    'blocs' AS origin,
    COALESCE(
        TRY_CAST(CASE length(e.event_date)
            WHEN 10 THEN e.event_date
            WHEN 7 THEN e.event_date || '-15'
            WHEN 4 THEN e.event_date || '-07-01' END AS DATE),
        a.published
    ) AS event_date,
    CASE WHEN e.event_date IS NULL THEN 'article' ELSE e.date_precision END AS date_precision,
    e.source, e.source_country, e.target, e.target_country,
    e.plover, e.cameo, substr(e.cameo, 1, 2) AS cameo_root, e.quad_class, e.goldstein,
    e.modality, e.modality IN ('asserted', 'reported') AS done,
    e.issue, e.confidence,
    e.article_id, e.sentence_index, e.sentence, a.url, a.outlet, a.title
FROM events e JOIN articles a USING (article_id)
UNION ALL
SELECT
    c.event_id, c.origin, c.event_date, 'day' AS date_precision,
    c.source, c.source_country, c.target, c.target_country,
    c.plover, c.cameo, c.cameo_root, c.quad_class, c.goldstein,
    'asserted' AS modality, TRUE AS done,
    c.issue, 1.0 AS confidence,
    NULL AS article_id, NULL AS sentence_index, c.text AS sentence, c.url, NULL AS outlet,
    NULL AS title
FROM coded_events c;
