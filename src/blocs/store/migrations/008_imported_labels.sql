-- blocs store, migration 8: no imported system gives the sentence its event was coded from,
-- so `evidence_events.sentence` is blocs' own evidence sentence or NULL, never a label.
--
-- ICEWS's Event Text is the CAMEO label of the event ("Consult") and its Story ID and
-- Sentence Number point into a corpus ICEWS does not publish; Phoenix's sourcetxt holds
-- the keys of the news sources that carried the event (`wn_world`), its URL the story.
-- Migration 4 put either field in `coded_events.text`, which the view served as the
-- sentence. They get their own columns: `label` (ICEWS Event Text) and `outlet` (ICEWS
-- Publisher, Phoenix sourcetxt); `text` is no longer written.

ALTER TABLE coded_events ADD COLUMN label VARCHAR;
ALTER TABLE coded_events ADD COLUMN outlet VARCHAR;
UPDATE coded_events SET label = text, text = NULL WHERE origin = 'icews';
UPDATE coded_events SET outlet = text, text = NULL WHERE origin = 'phoenix';

-- As in migration 4, plus `label`: what the coding system calls the event when it names
-- it (ICEWS), NULL for blocs' events, whose `sentence` is the evidence itself.
DROP VIEW evidence_events;
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
    e.article_id, e.sentence_index, e.sentence, a.url, a.outlet, a.title,
    NULL::VARCHAR AS label
FROM events e JOIN articles a USING (article_id)
UNION ALL
SELECT
    c.event_id, c.origin, c.event_date, 'day' AS date_precision,
    c.source, c.source_country, c.target, c.target_country,
    c.plover, c.cameo, c.cameo_root, c.quad_class, c.goldstein,
    'asserted' AS modality, TRUE AS done,
    c.issue, 1.0 AS confidence,
    NULL AS article_id, NULL AS sentence_index, NULL AS sentence, c.url, c.outlet,
    NULL AS title, c.label
FROM coded_events c;
