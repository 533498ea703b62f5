-- blocs store, migration 7: the counted, dated events between two different states, by
-- unordered pair (store/aggregates.py keeps it in step with evidence_months).
-- Rows are written sorted by pair, so that DuckDB's zone maps let the drill-down of one
-- pair read only that pair's row groups; `weight_g`/`weight_q` are confidence * x by
-- Goldstein / by quad class. The event's other columns are read from `evidence_events`
-- by `event_id` (an index lookup) for the few events shown.

CREATE TABLE evidence_pair_events (
    low_id      INTEGER NOT NULL,        -- the pair's two evidence_actors ids, lower first
    high_id     INTEGER NOT NULL,
    origin      VARCHAR NOT NULL,
    event_date  DATE NOT NULL,
    weight_g    DOUBLE NOT NULL,
    weight_q    DOUBLE NOT NULL,
    event_id    VARCHAR NOT NULL
);

-- The sums of migration 6 were made without this table: the next refresh rebuilds both.
DELETE FROM evidence_months_state;
