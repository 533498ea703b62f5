-- blocs store, migration 3: a site's template lines are remembered in the store, so that a
-- text scrape cleans the same whatever the batch it arrives in.
--
-- site_lines: one row per (site, normalised line, document that has it). A line is part of
-- the site's template when enough of the site's documents carry it (clean/templates.py).
-- pending_scrapes: text scrapes read in a run and waiting for the run's whole stream to be
-- counted before they are cleaned; a killed run leaves them here and the next run cleans them.

CREATE TABLE site_lines (
    site      VARCHAR NOT NULL,
    line_key  VARCHAR NOT NULL,
    raw_hash  VARCHAR NOT NULL,
    PRIMARY KEY (site, line_key, raw_hash)
);

CREATE TABLE pending_scrapes (
    source       VARCHAR NOT NULL,
    raw_hash     VARCHAR NOT NULL,
    site         VARCHAR NOT NULL,
    content      VARCHAR NOT NULL,
    url          VARCHAR,
    title        VARCHAR,
    published    DATE,
    external_id  VARCHAR,
    outlet       VARCHAR,
    author       VARCHAR,
    fetched_at   TIMESTAMPTZ,
    run_id       VARCHAR NOT NULL,
    PRIMARY KEY (source, raw_hash)
);
