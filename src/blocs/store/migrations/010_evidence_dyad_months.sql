-- blocs store, migration 10: evidence_months rearranged for the model's monthly series
-- (store/aggregates.py keeps them in step with evidence_months; nothing else writes them).
--
-- evidence_dyad_months: the rows of evidence_months between two different states (neither
-- code ''), the two directions of each pair summed: low_id and high_id are the pair's
-- evidence_actors ids, lower first. Rows are written sorted by pair and month. The x^2 sums
-- are left out: the series take the spread from evidence_pooled_months.
-- evidence_state_months: each state's volume, the evidence of every row it is a party to
-- (once for a row whose two states are the same one), whatever its partner.
-- evidence_pooled_months: the evidence and x^2 sums of the rows of evidence_dyad_months.
-- As in evidence_months, a bucket may take several rows (one per refresh): they add up.

CREATE TABLE evidence_dyad_months (
    origin         VARCHAR NOT NULL,
    low_id         INTEGER NOT NULL,
    high_id        INTEGER NOT NULL,
    month          INTEGER NOT NULL,     -- the month's first day, in days since 1970-01-01
    events         BIGINT NOT NULL,
    evidence       DOUBLE NOT NULL,
    g_cooperation  DOUBLE NOT NULL,
    g_conflict     DOUBLE NOT NULL,
    q_cooperation  DOUBLE NOT NULL,
    q_conflict     DOUBLE NOT NULL
);

CREATE TABLE evidence_state_months (
    origin         VARCHAR NOT NULL,
    actor_id       INTEGER NOT NULL,
    month          INTEGER NOT NULL,
    volume         DOUBLE NOT NULL
);

CREATE TABLE evidence_pooled_months (
    origin         VARCHAR NOT NULL,
    month          INTEGER NOT NULL,
    evidence       DOUBLE NOT NULL,
    g_square       DOUBLE NOT NULL,
    q_square       DOUBLE NOT NULL
);

-- The sums of the earlier migrations were made without these tables: the next refresh
-- rebuilds them all.
DELETE FROM evidence_months_state;
