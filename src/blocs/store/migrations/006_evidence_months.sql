-- blocs store, migration 6: the alignment model's pre-aggregated evidence
-- (store/aggregates.py keeps it in step with the events; nothing else writes it).
--
-- evidence_months: the counted, dated events of `evidence_events` summed by origin, ordered
-- pair of states and month. Sums are anchored at the month's first day for the half-life in
-- evidence_months_state: each event adds c * 2^((date - month start) / half-life) to
-- `evidence`, times x+ / |x-| / x^2 (x by Goldstein: g_*, by quad class: q_*) to the others.
-- A bucket may take several rows (one per refresh that added to it): its sums add up.
-- evidence_actors: the state codes of those rows ('' for a missing state).
-- evidence_months_state: which rows of each event table the sums hold, by count and last rowid.

CREATE TABLE evidence_actors (
    actor_id  INTEGER PRIMARY KEY,
    code      VARCHAR NOT NULL UNIQUE
);

CREATE TABLE evidence_months (
    origin         VARCHAR NOT NULL,
    source_id      INTEGER NOT NULL,
    target_id      INTEGER NOT NULL,
    month          INTEGER NOT NULL,     -- the month's first day, in days since 1970-01-01
    last_day       INTEGER NOT NULL,     -- the bucket's latest event date, same unit
    events         BIGINT NOT NULL,
    evidence       DOUBLE NOT NULL,
    g_cooperation  DOUBLE NOT NULL,
    g_conflict     DOUBLE NOT NULL,
    g_square       DOUBLE NOT NULL,
    q_cooperation  DOUBLE NOT NULL,
    q_conflict     DOUBLE NOT NULL,
    q_square       DOUBLE NOT NULL
);

CREATE TABLE evidence_months_state (
    table_name     VARCHAR PRIMARY KEY,  -- events, coded_events
    row_count      BIGINT NOT NULL,
    last_rowid     BIGINT NOT NULL,
    half_life_days DOUBLE NOT NULL
);
