-- blocs store, migration 11: the counted events filed under the codes and the place they name,
-- for the crisis camps (store/aggregates.py keeps it in step with the events like
-- evidence_months; nothing else writes it).
--
-- Every counted (done) event of `evidence_events`, dated or not, with its columns, once under
-- `kind` 's' and the first three characters of its source code, once under 't' and those of
-- its target code when they differ from the source's, and once under 'p' and its place
-- (`issue`) lower-cased when it has one. Rows are written sorted by kind and key, so that the
-- events a crisis can use (a party's code starts with its state's, or the event is placed in
-- the crisis' states) are a few row groups that DuckDB's zone maps find without reading the
-- rest. An event found under two keys is taken once: under 's', else 't', else 'p'.

CREATE TABLE evidence_keyed_events AS
SELECT 's' AS kind, '' AS key, * FROM evidence_events LIMIT 0;

-- The sums were made without this table: the next refresh rebuilds them all.
DELETE FROM evidence_months_state;
